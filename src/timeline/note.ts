import { type MilestoneName, milestoneNames } from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';
import { parseLeadingTime } from './time-spec.ts';

export const noteTypes = ['decision', 'hypothesis', 'action', 'change', 'observation'] as const;
export type NoteType = (typeof noteTypes)[number];

export const maxNoteLength = 3000;

export type ParsedNote = { at: Date | undefined; noteType: NoteType | undefined; text: string };

/** Reads `[at 14:05|yesterday 23:50|ISO] [decision:|hypothesis:|…] text` in the incident's timezone. */
export function parseNoteText(raw: string, options: { now: Date; timeZone: string }): ParsedNote {
  const timed = parseLeadingTime(raw, options);
  const body = timed ? timed.rest : raw.trim();
  const typed = new RegExp(`^(${noteTypes.join('|')})\\s*:\\s*([\\s\\S]*)$`, 'i').exec(body);
  const noteType = typed ? ((typed[1] as string).toLowerCase() as NoteType) : undefined;
  const text = (typed ? (typed[2] as string) : body).trim();
  return { at: timed?.at, noteType, text: requireNoteText(text) };
}

/** A note's text, trimmed, or an error saying what to type. */
export function requireNoteText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed)
    throw new DomainError(
      'timeline.note_required',
      'Write the note after the command, e.g. `/incident note decision: roll back to v42` or `/incident note at 14:05 paged the DB team`.',
    );
  if (trimmed.length > maxNoteLength)
    throw new DomainError(
      'timeline.note_too_long',
      `Keep a note under ${maxNoteLength} characters (this one has ${trimmed.length}).`,
    );
  return trimmed;
}

/** A milestone by name, or an error listing the names. */
export function requireMilestone(name: string): MilestoneName {
  const found = milestoneNames.find((m) => m === name.trim().toLowerCase());
  if (!found)
    throw new DomainError(
      'timeline.unknown_milestone',
      `"${name}" is not a milestone. Use one of: ${milestoneNames.join(', ')}, e.g. \`/incident milestone started 13:52\`.`,
    );
  return found;
}

/** Reads `<milestone> <time>` for /incident milestone. */
export function parseMilestoneArgs(
  raw: string,
  options: { now: Date; timeZone: string },
): { name: MilestoneName; at: Date } {
  const [first = '', ...rest] = raw.trim().split(/\s+/);
  if (!first)
    throw new DomainError(
      'timeline.milestone_usage',
      `Say which milestone and when, e.g. \`/incident milestone started 13:52\` (milestones: ${milestoneNames.join(', ')}).`,
    );
  const name = requireMilestone(first);
  const timed = parseLeadingTime(rest.join(' '), options);
  if (!timed || timed.rest)
    throw new DomainError(
      'timeline.milestone_usage',
      `Give the time of ${name}, e.g. \`/incident milestone ${name} 13:52\`, \`yesterday 23:50\`, \`now\` or an ISO time.`,
    );
  return { name, at: timed.at };
}
