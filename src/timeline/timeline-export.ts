import { plainSlackText } from './slack-text.ts';
import { formatInZone } from './time-spec.ts';
import type { TimelineItem } from './timeline-fold.ts';

export type ExportContext = { ref: string; title: string; timeZone: string; names: ReadonlyMap<string, string> };

function who(item: TimelineItem, names: ReadonlyMap<string, string>): string {
  if (!item.actorId) return 'Firebreak';
  return names.get(item.actorId) ?? item.actorId;
}

function label(item: TimelineItem): string {
  return item.noteType ?? item.kind;
}

/** The whole timeline as Markdown (deleted messages marked, earlier versions listed). */
export function timelineMarkdown(items: readonly TimelineItem[], context: ExportContext): string {
  const lines = [`# ${context.ref} timeline: ${context.title}`, '', `Times in ${context.timeZone}. ★ = key moment.`, ''];
  for (const item of items) {
    const text = plainSlackText(item.text, context.names).replace(/\n/g, ' ');
    const flags = `${item.key ? '★ ' : ''}${item.deleted ? '~~deleted~~ ' : ''}`;
    const thread = item.threadTs ? ' (in thread)' : '';
    const files = item.files.map((f) => ` [${f.name}](${f.permalink})`).join('');
    lines.push(`- **${formatInZone(item.occurredAt, context.timeZone)}** ${flags}_${label(item)}_ · ${who(item, context.names)}${thread}: ${text}${files}`);
    for (const old of item.previousTexts) lines.push(`  - earlier version: ${plainSlackText(old, context.names).replace(/\n/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"` : value);

/** The whole timeline as CSV, one row per item; cells that a spreadsheet would run as formulas are defused. */
export function timelineCsv(items: readonly TimelineItem[], context: ExportContext): string {
  const header = ['occurred_at_utc', 'kind', 'type', 'actor_id', 'actor', 'text', 'key', 'deleted', 'edited', 'thread_ts', 'slack_ts', 'files'];
  const rows = items.map((item) => [
    item.occurredAt.toISOString(),
    item.kind,
    item.noteType ?? '',
    item.actorId ?? '',
    who(item, context.names),
    plainSlackText(item.text, context.names),
    item.key ? 'yes' : 'no',
    item.deleted ? 'yes' : 'no',
    item.previousTexts.length > 0 ? 'yes' : 'no',
    item.threadTs ?? '',
    item.ts ?? '',
    item.files.map((f) => f.permalink).join(' '),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
