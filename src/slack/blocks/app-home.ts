import type { HomeView, KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { ids } from '../ids.ts';
import { type ActionItemModel, actionItemBlocks } from './action-item.ts';
import { type BlockGroup, cappedGroups, contextLine, mrkdwnSection } from './capped-list.ts';

/** What the Declare button carries: it names no record, so a click is checked against this alone. */
export const homeDeclareValue = 'declare';

/** Slack's limit for a Home tab. */
export const maxHomeBlocks = 100;

/** One open incident on a person's Home, already checked as visible to them. */
export type HomeIncidentLine = {
  ref: string;
  title: string;
  severity: string;
  status: string;
  isPrivate: boolean;
  channelId: string | null;
  /** The roles the person holds in it (none: they are not responding). */
  roles: string[];
};

export type HomePostmortemLine = {
  ref: string;
  title: string;
  status: string;
  due: string;
  overdue: boolean;
  channelId: string | null;
};

/** What one person's Home shows, filtered for them (private incidents only to members). */
export type AppHomeModel = {
  incidents: HomeIncidentLine[];
  /** Open actions, overdue first. */
  actions: ActionItemModel[];
  /** Open actions not loaded at all (counted into the "and N more" line). */
  moreActions: number;
  postmortems: HomePostmortemLine[];
};

/**
 * The Home tab: a Declare incident button, open incidents with the person's roles, their open actions
 * with the four buttons, the postmortems they owe. Never over Slack's 100 blocks: what does not fit is
 * counted in a last line pointing at `/incident actions mine`.
 */
export function appHomeView(copy: Copy, model: AppHomeModel): HomeView {
  const top: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'home_title',
      text: { type: 'mrkdwn', text: copy.render('home.title') },
      accessory: {
        type: 'button',
        action_id: ids.actions.homeDeclare,
        value: homeDeclareValue,
        style: 'danger',
        text: { type: 'plain_text', text: copy.render('home.declare_button') },
      },
    },
  ];
  const divider: KnownBlock = { type: 'divider' };
  const groups: BlockGroup[] = [
    {
      header: [divider, mrkdwnSection(copy.render('home.incidents_header', { count: model.incidents.length }))],
      items: model.incidents.map((incident, index) => [
        mrkdwnSection(
          copy.render('home.incident_line', {
            ref: incident.ref,
            title: incident.title,
            severity: incident.severity,
            status: incident.status,
            private: incident.isPrivate,
            channel: incident.channelId ?? '',
            roles: incident.roles.join(', '),
          }),
          `home_incident:${index}`,
        ),
      ]),
      empty: [contextLine(copy.render('home.incidents_empty'))],
    },
    {
      header: [
        divider,
        mrkdwnSection(copy.render('home.actions_header', { count: model.actions.length + model.moreActions })),
      ],
      items: model.actions.map((item) => actionItemBlocks(copy, item, 'home')),
      empty: [contextLine(copy.render('home.actions_empty'))],
    },
    {
      header: [divider, mrkdwnSection(copy.render('home.postmortems_header', { count: model.postmortems.length }))],
      items: model.postmortems.map((postmortem) => [
        mrkdwnSection(copy.render('home.postmortem_line', { ...postmortem, channel: postmortem.channelId ?? '' })),
      ]),
    },
  ];
  const more = (count: number) => contextLine(copy.render('home.more', { count }));
  const body = cappedGroups(groups, maxHomeBlocks - top.length, more, model.moreActions);
  return { type: 'home', blocks: [...top, ...body] };
}
