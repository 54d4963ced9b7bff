import { incidentRef } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import {
  changePostmortemOwner,
  findPostmortem,
  listVersions,
  noPostmortem,
  openPostmortem,
  requestPostmortemExport,
  statusLabels,
} from '../../../postmortems/index.ts';
import { mention, slackDate } from '../../blocks/format.ts';
import { postmortemReply } from '../../blocks/postmortem-message.ts';
import { canSeeIncident, incidentForCommand } from '../../incident-access.ts';
import { firstWord, parseMention } from '../../parse/lifecycle-args.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * `/incident postmortem [INC-12] [owner @bob | versions | export [N]]`: creates or shows the
 * postmortem (any incident, required or not), changes its owner, lists or uploads its versions.
 */
export const postmortemCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { incident, rest: text } = await incidentForCommand(services, client, command, rest);
  const { word, rest: args } = firstWord(text);
  const target = { teamId: command.team_id, incidentId: incident.id, actorId: command.user_id };
  const usage = services.copy.render('postmortems.usage');
  const say = (reply: string, blocks?: ReturnType<typeof postmortemReply>) =>
    ack({ response_type: 'ephemeral', text: reply, ...(blocks ? { blocks } : {}) });
  switch (word.toLowerCase()) {
    case '': {
      const { postmortem, created } = await openPostmortem(services.deps, target);
      const values = {
        ref: incidentRef(incident),
        status: statusLabels[postmortem.status],
        version: postmortem.version,
        due: postmortem.dueDate,
        owner: mention(postmortem.ownerId),
        canvas: postmortem.canvasId ?? '',
      };
      const lead = services.copy.render(created ? 'postmortems.created' : 'postmortems.shown', values);
      await say(lead, postmortemReply(services.copy, lead, { incident, postmortem, canvasUrl: '' }));
      return;
    }
    case 'owner': {
      const ownerId = parseMention(args, usage, services.copy.render('commands.mention_plain', { typed: args, usage }));
      if (!(await canSeeIncident(client, incident, ownerId)))
        throw new DomainError(
          'postmortem.owner_not_member',
          services.copy.render('postmortems.owner_not_member', { person: `<@${ownerId}>` }),
          'mrkdwn',
        );
      await changePostmortemOwner(services.deps, { ...target, ownerId });
      await say(
        services.copy.render('postmortems.owner_changed', { owner: mention(ownerId), ref: incidentRef(incident) }),
      );
      return;
    }
    case 'versions': {
      const postmortem = await findPostmortem(services.deps.db, target);
      if (!postmortem) throw noPostmortem(incident);
      const versions = await listVersions(services.deps.db, { teamId: target.teamId, postmortemId: postmortem.id });
      const lines = versions.slice(0, 50).map((v) =>
        services.copy.render('postmortems.version_line', {
          version: v.version,
          at: slackDate(v.createdAt),
          reason: v.reason,
          by: mention(v.createdBy),
          published: v.version === postmortem.publishedVersion,
        }),
      );
      await say(
        [services.copy.render('postmortems.versions_title', { ref: incidentRef(incident) }), ...lines].join('\n'),
      );
      return;
    }
    case 'export': {
      const wanted = args.trim().replace(/^v/i, '');
      if (wanted !== '' && !/^\d{1,6}$/.test(wanted)) throw new DomainError('command.usage', usage, 'mrkdwn');
      const { version } = await requestPostmortemExport(services.deps, {
        ...target,
        ...(wanted ? { version: Number(wanted) } : {}),
      });
      await say(services.copy.render('postmortems.export_queued', { version }));
      return;
    }
    default:
      throw new DomainError('command.usage', usage, 'mrkdwn');
  }
};
