import type { TimelineEntry } from '../entry-log/index.ts';

export type FileRef = { name: string; filetype: string; permalink: string };

/** One line of the timeline as people read it: a message with its versions folded in, or any other entry. */
export type TimelineItem = {
  id: number;
  kind: string;
  occurredAt: Date;
  actorId: string | null;
  text: string;
  /** Earlier texts of an edited message, oldest first. */
  previousTexts: string[];
  deleted: boolean;
  key: boolean;
  noteType: string | undefined;
  channelId: string | undefined;
  ts: string | undefined;
  threadTs: string | undefined;
  files: FileRef[];
  permalink: string | undefined;
};

const messageKinds = new Set(['message', 'file_shared', 'message_edited', 'message_deleted', 'key_flag']);
// Kinds that are key moments by nature, without anyone pinning them.
const keyKinds = new Set(['declared', 'milestone', 'note', 'status_changed', 'severity_changed']);

type Group = { entries: TimelineEntry[] };

/**
 * Folds the append-only log into what happened: each Slack message once, showing its latest text
 * (earlier ones kept), deleted or not, key or not. Works whatever order the entries arrived in.
 */
export function foldTimeline(entries: readonly TimelineEntry[]): TimelineItem[] {
  const groups = new Map<string, Group>();
  const items: TimelineItem[] = [];
  for (const entry of entries) {
    const channelId = entry.data.channelId as string | undefined;
    if (messageKinds.has(entry.kind) && channelId && entry.slackTs) {
      const key = `${channelId}:${entry.slackTs}`;
      const group = groups.get(key) ?? { entries: [] };
      group.entries.push(entry);
      groups.set(key, group);
    } else {
      items.push(plainItem(entry));
    }
  }
  for (const group of groups.values()) {
    const item = messageItem(group.entries);
    if (item) items.push(item);
  }
  return items.sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.ts ?? '').localeCompare(b.ts ?? '') || a.id - b.id,
  );
}

function plainItem(entry: TimelineEntry): TimelineItem {
  const data = entry.data;
  return {
    id: entry.id,
    kind: entry.kind,
    occurredAt: entry.occurredAt,
    actorId: entry.actorId,
    text: entry.text,
    previousTexts: [],
    deleted: false,
    key: keyKinds.has(entry.kind) || data.key === true,
    noteType: data.noteType as string | undefined,
    channelId: data.channelId as string | undefined,
    ts: entry.slackTs ?? undefined,
    threadTs: data.threadTs as string | undefined,
    // Only a message's data holds its files; another entry's `files` is its own (the private-move cleanup's is a count).
    files: Array.isArray(data.files) ? (data.files as FileRef[]) : [],
    permalink: data.permalink as string | undefined,
  };
}

function messageItem(entries: TimelineEntry[]): TimelineItem | undefined {
  const byTime = [...entries].sort((a, b) => eventTs(a).localeCompare(eventTs(b)) || a.id - b.id);
  const original = byTime.find((e) => e.kind === 'message' || e.kind === 'file_shared');
  const edits = byTime.filter((e) => e.kind === 'message_edited');
  // An edit can arrive before (or without) its message: it carries the message's author and text.
  const base = original ?? edits[0];
  if (!base) return undefined;
  const texts = [
    ...(original
      ? [original.text]
      : edits[0]?.data.previousText !== undefined
        ? [String(edits[0].data.previousText)]
        : []),
    ...edits.map((e) => e.text),
  ];
  const reactors = new Set<string>();
  let pinned = false;
  let shortcut = false;
  for (const flag of byTime.filter((e) => e.kind === 'key_flag')) {
    const via = flag.data.via;
    if (via === 'pin') pinned = flag.data.on === true;
    else if (via === 'shortcut') shortcut = true;
    else if (flag.data.on === true) reactors.add(String(flag.actorId));
    else reactors.delete(String(flag.actorId));
  }
  const item = plainItem(base);
  return {
    ...item,
    kind: original?.kind ?? 'message',
    occurredAt: new Date(Number(base.slackTs) * 1000),
    actorId: base.actorId,
    text: texts.at(-1) ?? '',
    previousTexts: texts.slice(0, -1),
    deleted: byTime.some((e) => e.kind === 'message_deleted'),
    key: reactors.size > 0 || pinned || shortcut,
  };
}

// Slack event time of an entry (edits and flags order by when they happened, not by arrival).
function eventTs(entry: TimelineEntry): string {
  return String(entry.data.eventTs ?? entry.slackTs ?? '').padStart(20, '0');
}

/** How many items of each kind (deleted messages counted apart). */
export function countByKind(items: readonly TimelineItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const kind = item.deleted ? 'deleted' : item.kind === 'note' && item.noteType ? item.noteType : item.kind;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
