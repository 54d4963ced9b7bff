import { csvDocument } from '../platform/csv.ts';
import { plainSlackText } from './slack-text.ts';
import { formatInZone } from './time-spec.ts';
import type { TimelineItem } from './timeline-fold.ts';

export type ExportContext = {
  ref: string;
  title: string;
  timeZone: string;
  names: ReadonlyMap<string, string>;
  /** Firebreak's own Slack user: what it did reads "Firebreak", like what it did with no user behind it. */
  botUserId?: string;
};

const botName = 'Firebreak';

/**
 * What people wrote, as Markdown that shows it and does nothing: lines are joined (so no heading,
 * list, table or link definition can start), the `]` that would close a link or image before `(` or
 * `[` is escaped, and so are emphasis, code, strikethrough, HTML and entities. A title or note cannot
 * hide a link behind other text or load an image; `[REDACTED]` stays as it reads.
 */
export function inertMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_~<>&]/g, '\\$&')
    .replace(/\](?=[([])/g, '\\]');
}

// A permalink is Slack's, but keep it one link target whatever it holds.
const linkTarget = (url: string) =>
  url.replace(/[\s()<>[\]!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The name a person (or Firebreak itself, or no one) reads as in an export; an id without a name stays the id. */
export function personName(
  userId: string | null | undefined,
  context: Pick<ExportContext, 'names' | 'botUserId'>,
): string {
  if (!userId || userId === context.botUserId) return botName;
  return context.names.get(userId) ?? userId;
}

type PeopleContext = Pick<ExportContext, 'timeZone' | 'names' | 'botUserId'>;

const who = (item: TimelineItem, context: PeopleContext) => personName(item.actorId, context);

/** What kind of moment an item is, in words ("role assigned", "decision"), as the timeline modal says it. */
export function kindInWords(item: Pick<TimelineItem, 'kind' | 'noteType'>): string {
  return (item.noteType ?? item.kind).replace(/_/g, ' ');
}

/** The whole timeline as Markdown (deleted messages marked, earlier versions listed). */
export function timelineMarkdown(items: readonly TimelineItem[], context: ExportContext): string {
  const lines = [
    `# ${context.ref} timeline: ${inertMarkdown(context.title)}`,
    '',
    `Times in ${context.timeZone}. ★ = key moment.`,
    '',
    ...timelineMarkdownLines(items, context),
  ];
  return `${lines.join('\n')}\n`;
}

/** One Markdown list item per timeline item (deleted ones marked, earlier versions nested), for any document. */
export function timelineMarkdownLines(items: readonly TimelineItem[], context: PeopleContext): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const text = inertMarkdown(plainSlackText(item.text, context.names));
    const flags = `${item.key ? '★ ' : ''}${item.deleted ? '~~deleted~~ ' : ''}`;
    const thread = item.threadTs ? ' (in thread)' : '';
    const files = item.files.map((f) => ` [${inertMarkdown(f.name)}](${linkTarget(f.permalink)})`).join('');
    lines.push(
      `- **${formatInZone(item.occurredAt, context.timeZone)}** ${flags}_${kindInWords(item)}_ · ${inertMarkdown(who(item, context))}${thread}: ${text}${files}`,
    );
    for (const old of item.previousTexts)
      lines.push(`  - earlier version: ${inertMarkdown(plainSlackText(old, context.names))}`);
  }
  return lines;
}

/**
 * The whole timeline as CSV, one row per item; cells that a spreadsheet would run as formulas are defused.
 * `kind` stays the stable identifier (`role_assigned`) that scripts filter on; `what` says it in words.
 */
export function timelineCsv(items: readonly TimelineItem[], context: ExportContext): string {
  const header = [
    'occurred_at_utc',
    'kind',
    'type',
    'what',
    'actor_id',
    'actor',
    'text',
    'key',
    'deleted',
    'edited',
    'thread_ts',
    'slack_ts',
    'files',
  ];
  const rows = items.map((item) => [
    item.occurredAt.toISOString(),
    item.kind,
    item.noteType ?? '',
    kindInWords(item),
    item.actorId ?? '',
    who(item, context),
    plainSlackText(item.text, context.names),
    item.key ? 'yes' : 'no',
    item.deleted ? 'yes' : 'no',
    item.previousTexts.length > 0 ? 'yes' : 'no',
    item.threadTs ?? '',
    item.ts ?? '',
    item.files.map((f) => f.permalink).join(' '),
  ]);
  return csvDocument([header, ...rows]);
}
