import { z } from 'zod';
import { DomainError } from '../../platform/errors.ts';

// With escaping on (manifest.yml's should_escape), Slack sends a mention as <@U123|name> (or <@U123>).
/** An escaped mention, parsed to the user id it names. */
export const mentionSchema = z
  .string()
  .regex(/^<@([UW][A-Z0-9]{2,})(\|[^>]*)?>$/)
  .transform((text) => (/^<@([UW][A-Z0-9]{2,})/.exec(text) as RegExpExecArray)[1] as string);

/**
 * The user id of a `<@U123>` or `<@U123|name>` mention, or a DomainError saying what to do: `plainMention`
 * when the person arrived as plain `@name` (an install with escaping off), else `usage`.
 */
export function parseMention(text: string | undefined, usage: string, plainMention = usage): string {
  const typed = (text ?? '').trim();
  const parsed = mentionSchema.safeParse(typed);
  if (parsed.success) return parsed.data;
  if (/^@\S/.test(typed)) throw new DomainError('command.mention_plain', plainMention, 'mrkdwn');
  throw new DomainError('command.mention_required', usage, 'mrkdwn');
}

/** Splits a leading incident reference ("INC-12", "inc12") off the text, if there is one. */
export function splitIncidentRef(text: string): { number: number | undefined; ref: string; rest: string } {
  const match = /^inc-?(\d+)\b\s*([\s\S]*)$/i.exec(text.trim());
  return match
    ? { number: Number(match[1]), ref: `INC-${match[1]}`, rest: (match[2] ?? '').trim() }
    : { number: undefined, ref: '', rest: text.trim() };
}

/** "<word> <rest…>" → first word and the rest. */
export function firstWord(text: string): { word: string; rest: string } {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return { word: match?.[1] ?? '', rest: (match?.[2] ?? '').trim() };
}
