import type { KnownBlock } from '@slack/types';
import { type Digest, type DigestIncidents, responseMetricIds } from '../../insights/index.ts';
import type { Copy } from '../../platform/copy.ts';
import { formatDuration } from '../../platform/durations.ts';
import { contextLine, mrkdwnSection } from './capped-list.ts';

/** What the digest message shows besides the figures: how weeks and severities read. */
export type DigestView = {
  digest: Digest;
  /** "Nov 23": the week's Monday as a header reads it. */
  weekLabel: string;
  timeZone: string;
  /** Severity name → label ("sev1" → "SEV1"), and the order they are listed in (most severe first). */
  severityLabels: Record<string, string>;
  severityOrder: string[];
};

/** Public incidents named per section; the rest are counted in an "and N more" line. */
export const maxListedIncidents = 10;

function bySeverity(view: DigestView, counts: DigestIncidents['bySeverity']): string {
  const rank = (name: string) => {
    const index = view.severityOrder.indexOf(name);
    return index === -1 ? view.severityOrder.length : index;
  };
  return [...counts]
    .sort((a, b) => rank(a.severity) - rank(b.severity) || a.severity.localeCompare(b.severity))
    .map((entry) => `${view.severityLabels[entry.severity] ?? entry.severity} ${entry.count}`)
    .join(' · ');
}

function incidentSection(copy: Copy, view: DigestView, key: 'opened' | 'resolved'): KnownBlock {
  const incidents = view.digest[key];
  const lines = [
    copy.render(`digest.${key}`, { count: incidents.total, by_severity: bySeverity(view, incidents.bySeverity) }),
  ];
  for (const incident of incidents.listed.slice(0, maxListedIncidents))
    lines.push(
      copy.render('digest.incident_line', {
        ref: incident.ref,
        title: incident.title,
        severity: view.severityLabels[incident.severity] ?? incident.severity,
        channel: incident.channelId ?? '',
      }),
    );
  const hidden = incidents.listed.length - maxListedIncidents;
  if (hidden > 0) lines.push(copy.render('digest.more', { count: hidden }));
  if (incidents.privateCount > 0) lines.push(copy.render('digest.private_line', { count: incidents.privateCount }));
  return mrkdwnSection(lines.join('\n'));
}

function responseSection(copy: Copy, digest: Digest): KnownBlock {
  const shown = (ms: number | null) => (ms === null ? copy.render('digest.not_measured') : formatDuration(ms));
  const lines = [copy.render('digest.response_header')];
  for (const id of responseMetricIds)
    lines.push(
      copy.render('digest.response_line', {
        metric: copy.render(`digest.metrics.${id}`),
        now: shown(digest.week.response[id].medianMs),
        before: shown(digest.previous.response[id].medianMs),
      }),
    );
  return mrkdwnSection(lines.join('\n'));
}

/**
 * The weekly reliability digest: incidents opened and resolved (public ones named, private ones only
 * counted), response times against the four weeks before, postmortems and actions, and drills and
 * near-misses on lines of their own. It holds no figure about any one person.
 */
export function reliabilityDigestMessage(copy: Copy, view: DigestView): { text: string; blocks: KnownBlock[] } {
  const { digest } = view;
  const { postmortems, actions } = digest;
  return {
    text: copy.render('digest.text', {
      week: view.weekLabel,
      opened: digest.opened.total,
      resolved: digest.resolved.total,
    }),
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: copy.render('digest.header', { week: view.weekLabel }), emoji: true },
      },
      contextLine(copy.render('digest.period', { from: digest.weekStart, to: digest.weekEnd, zone: view.timeZone })),
      incidentSection(copy, view, 'opened'),
      incidentSection(copy, view, 'resolved'),
      responseSection(copy, digest),
      mrkdwnSection(
        copy.render('digest.postmortems', {
          due: postmortems.dueOnTime + postmortems.dueLate + postmortems.duePending,
          on_time: postmortems.dueOnTime,
          late: postmortems.dueLate,
          pending: postmortems.duePending,
          overdue: postmortems.overdueNow,
        }),
      ),
      mrkdwnSection(
        copy.render('digest.actions', {
          closed: actions.closed,
          declined: actions.declined,
          due: actions.dueOnTime + actions.dueLate,
          on_time: actions.dueOnTime,
          late: actions.dueLate,
          overdue: actions.overdueNow,
        }),
      ),
      { type: 'divider' },
      mrkdwnSection(copy.render('digest.drills', digest.drills)),
      mrkdwnSection(copy.render('digest.near_misses', digest.nearMisses)),
    ],
  };
}
