import { formatActionRef } from '../actions/index.ts';
import { milestoneNames } from '../incidents/index.ts';
import { formatInZone, inertMarkdown, personName, plainSlackText, timelineMarkdownLines } from '../timeline/index.ts';
import type { EvidenceBundle } from './evidence-bundle.ts';
import type { ValueChange } from './evidence-history.ts';
import type { EvidenceContext } from './evidence-json.ts';

const yesNo = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');

/**
 * The evidence bundle as one Markdown document for people: who generated it and when at the top, then
 * a section each for the incident, milestones, status, severity and role history, stakeholder updates,
 * the whole timeline, the postmortem's versions, the actions with their history, and the audit log.
 * Times are in the context's zone; what people wrote is shown inert (it cannot link, embed or format).
 */
export function evidenceMarkdown(bundle: EvidenceBundle, context: EvidenceContext): string {
  const at = (date: Date) => formatInZone(date, context.timeZone);
  const who = (id: string | null | undefined) => inertMarkdown(personName(id, context));
  const text = (value: string) => inertMarkdown(value);
  const { incident } = bundle;
  const none = (lines: string[]) => (lines.length > 0 ? lines : ['_None recorded._']);
  const changes = (list: ValueChange[]) =>
    none(
      list.map(
        (c) =>
          `- **${at(c.at)}** ${c.from === null ? `${text(c.to)} (declared)` : `${text(c.from)} → ${text(c.to)}`} · ${who(c.by)}${c.reason ? `: ${text(c.reason)}` : ''}`,
      ),
    );
  const sections: string[][] = [
    [
      `# ${bundle.ref} evidence bundle: ${text(incident.title)}`,
      '',
      `Generated ${at(context.generatedAt)} by ${who(context.generatedBy)}. Times in ${context.timeZone}; the JSON file alongside holds the same record for machines.`,
    ],
    [
      '## Incident',
      '',
      `- Severity: ${text(incident.severity)} · Status: ${incident.status} · Private: ${yesNo(incident.isPrivate)} · Drill: ${yesNo(incident.isDrill)}`,
      `- Declared: ${at(incident.declaredAt)} by ${who(incident.declaredBy)}`,
      `- Services: ${incident.services.length > 0 ? incident.services.map(text).join(', ') : 'none named'}`,
      `- Customer impact: ${text(incident.customerImpact) || 'not given'}`,
      `- Change-induced: ${yesNo(incident.changeInduced)}${incident.triggeringChange ? ` (${text(incident.triggeringChange)})` : ''}`,
      `- Channel: #${text(incident.channelName)}`,
      ...(incident.sourceMessage
        ? [
            `- Declared from a message by ${who(incident.sourceMessage.authorId)}: ${text(plainSlackText(incident.sourceMessage.text, context.names))}`,
          ]
        : []),
      ...bundle.roles.map((h) => `- Role ${text(h.role)}: ${who(h.userId)} since ${at(h.assignedAt)}`),
    ],
    [
      '## Milestones',
      '',
      ...none(
        milestoneNames.flatMap((name) => {
          const when = bundle.milestones[name];
          return when ? [`- ${name}: ${at(when)}`] : [];
        }),
      ),
    ],
    ['## Status history', '', ...changes(bundle.history.status)],
    ['## Severity history', '', ...changes(bundle.history.severity)],
    [
      '## Role history',
      '',
      ...none(
        bundle.history.roles.map(
          (c) =>
            `- **${at(c.at)}** ${text(c.role)}: ${c.from ? `${who(c.from)} → ` : ''}${who(c.to)} · by ${who(c.by)}${c.brief ? `; brief: ${text(c.brief)}` : ''}`,
        ),
      ),
    ],
    [
      '## Stakeholder updates',
      '',
      ...none(
        bundle.updates.flatMap((u) => [
          `- **${at(u.postedAt)}** by ${who(u.authorId)}`,
          `  - Status: ${text(u.status)}`,
          `  - Impact: ${text(u.impact)}`,
          `  - Actions: ${text(u.actions)}`,
          `  - Next update in: ${u.nextUpdateMinutes === null ? 'not promised' : `${u.nextUpdateMinutes} min`}${u.eta ? ` · ETA: ${text(u.eta)}` : ''}${u.confidence ? ` (${u.confidence} confidence)` : ''}`,
        ]),
      ),
    ],
    [
      '## Timeline',
      '',
      '★ = key moment; ~~deleted~~ = deleted in Slack, kept here; earlier versions of an edited message are listed under it.',
      '',
      ...none(timelineMarkdownLines(bundle.timeline, context)),
    ],
    postmortemSection(bundle, at, who),
    actionsSection(bundle, at, who),
    [
      '## Audit log',
      '',
      ...none(
        bundle.audit.map(
          (e) =>
            `- **${at(e.at)}** ${text(e.action)} · ${who(e.actorId)}${e.before ? ` · before: ${text(JSON.stringify(e.before))}` : ''}${e.after ? ` · after: ${text(JSON.stringify(e.after))}` : ''}`,
        ),
      ),
    ],
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

type At = (date: Date) => string;
type Who = (id: string | null | undefined) => string;

function postmortemSection(bundle: EvidenceBundle, at: At, who: Who): string[] {
  if (!bundle.postmortem) return ['## Postmortem', '', '_No postmortem._'];
  const { record, versions } = bundle.postmortem;
  const published = record.publishedVersion
    ? `version ${record.publishedVersion}, by ${who(record.publishedBy)}`
    : 'not published';
  const lines = [
    '## Postmortem',
    '',
    `Status: ${record.status.replace(/_/g, ' ')} · Owner: ${who(record.ownerId)} · Due: ${record.dueDate} · Published: ${published}`,
  ];
  if (versions.length === 0) lines.push('', '_No version written yet._');
  for (const version of versions) {
    // A fence longer than any run of backticks in the document keeps it shown as written, never rendered.
    const longest = Math.max(0, ...(version.markdown.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    lines.push(
      '',
      `### Version ${version.version}: ${at(version.createdAt)} by ${who(version.createdBy)} (${inertMarkdown(version.reason)})`,
      '',
      `${fence}markdown`,
      version.markdown.replace(/\n$/, ''),
      fence,
    );
  }
  return lines;
}

function actionsSection(bundle: EvidenceBundle, at: At, who: Who): string[] {
  if (bundle.actions.length === 0) return ['## Corrective actions', '', '_None recorded._'];
  const lines = ['## Corrective actions'];
  for (const { action, events } of bundle.actions) {
    const tracker = action.trackerKey ? ` · tracker ${inertMarkdown(action.trackerKey)}` : '';
    lines.push(
      '',
      `### ${formatActionRef(action.number)}: ${inertMarkdown(action.text)}`,
      '',
      `- Status: ${action.status.replace(/_/g, ' ')} · Owner: ${who(action.ownerId)} · Due: ${action.dueDate} · Type: ${action.type}${action.priority ? ` · Priority: ${action.priority}` : ''}${tracker}`,
      `- Created: ${at(action.createdAt)} by ${who(action.createdBy)}`,
    );
    if (action.closedAt)
      lines.push(
        `- Closed: ${at(action.closedAt)} by ${who(action.closedBy)}; ${action.status === 'done' ? 'evidence' : 'reason'}: ${inertMarkdown(action.closeNote ?? '')}`,
      );
    lines.push('- History:');
    for (const event of events)
      lines.push(
        `  - **${at(event.at)}** ${event.kind.replace(/_/g, ' ')} · ${who(event.actorId)}${event.note ? `: ${inertMarkdown(event.note)}` : ''}`,
      );
  }
  return lines;
}
