import {
  type ActionPriority,
  type ActionType,
  actionPriorities,
  actionTypes,
  type DueDateProblemCode,
  parseActionRef,
  parseDueDate,
  trackerKeySchema,
} from '../../actions/index.ts';
import type { LocalDate } from '../../platform/local-time.ts';
import { mentionSchema } from './lifecycle-args.ts';

/** What `/incident action …` says about a new action; any field may still be missing. */
export type ActionDraft = {
  text: string;
  ownerId?: string;
  due?: LocalDate;
  type?: ActionType;
  priority?: ActionPriority;
  trackerKey?: string;
};

export type ActionCommand =
  /** No text: open the form, prefilled with whatever options were given. */
  | { verb: 'form'; draft: ActionDraft }
  | { verb: 'create'; draft: ActionDraft }
  | { verb: 'done'; number: number; evidence: string }
  | { verb: 'snooze'; number: number; due: LocalDate; reason: string }
  /** `reason` is '' when none was given. */
  | { verb: 'reassign'; number: number; ownerId: string; reason: string }
  | { verb: 'wont_do'; number: number; reason: string };

export type ActionArgsProblemCode =
  | 'mention_plain'
  | 'owner_ambiguous'
  | 'owner_required'
  | 'option_repeated'
  | 'text_after_options'
  | 'type_unknown'
  | 'priority_unknown'
  | 'tracker_invalid'
  | 'due_required'
  | `due_${DueDateProblemCode}`
  | 'action_ref_required'
  | 'evidence_required'
  | 'reason_required'
  | 'list_scope_unknown'
  | 'list_scope_repeated'
  | 'page_invalid';

/** Why the text could not be read: `detail` is what the person typed (or a due-date problem), `allowed` the choices. */
export type ActionArgsProblem = { ok: false; code: ActionArgsProblemCode; detail: string; allowed?: readonly string[] };
export type ActionArgsParsed<T> = { ok: true; value: T } | ActionArgsProblem;

export type Token = { text: string; start: number; end: number };

const optionKeys = ['due', 'type', 'priority', 'tracker'] as const;
type OptionKey = (typeof optionKeys)[number];
// "in 2 weeks" and "end of month" are three words; one spare keeps the search cheap and bounded.
const maxDueWords = 4;
const manageVerbs = /^(done|snooze|reassign|won['’]?t[-_]?do|won['’]?t\s+do)(?=\s|$)\s*([\s\S]*)$/i;

/**
 * Reads the text after `/incident action`, never throwing. Management: `done ACT-17 <evidence>`,
 * `snooze ACT-17 <due> <reason>`, `reassign ACT-17 <@owner> [reason]`, `wontdo ACT-17 <reason>`
 * (also `won't do`, `wont-do`); such a verb counts only when an action reference follows it (or
 * nothing, or a bare number, which is a `action_ref_required` problem) — otherwise the words are a new
 * action's text. Creation: `<text> [<@owner>] [due:<expr>] [type:<t>] [priority:p1|p2|p3]
 * [tracker:KEY-1]`: the text runs up to the first option; a mention ending the text, or standing among
 * the options, is the owner; after the first option only options and mentions may follow. `due:` takes
 * the following words, as many as make the longest valid due date (`due:next friday`, `due:in 2 weeks`).
 */
export function parseActionArgs(text: string, today: LocalDate): ActionArgsParsed<ActionCommand> {
  const manage = manageVerbs.exec(text.trim());
  if (manage) {
    const verb = (manage[1] as string).toLowerCase();
    const rest = manage[2] as string;
    const [refToken] = tokenize(rest);
    const number = refToken ? parseActionRef(refToken.text) : undefined;
    if (number !== undefined) return parseManagement(verb, number, rest.slice(refToken?.end).trim(), today);
    if (!refToken || /^#?\d+$/.test(refToken.text)) return problem('action_ref_required', refToken?.text ?? '');
  }
  return parseCreate(text, today);
}

function parseManagement(
  verb: string,
  number: number,
  rest: string,
  today: LocalDate,
): ActionArgsParsed<ActionCommand> {
  if (verb === 'done') return rest ? ok({ verb: 'done', number, evidence: rest }) : problem('evidence_required', '');
  if (verb === 'reassign') {
    const [owner] = tokenize(rest);
    const ownerId = owner && userIdOf(owner.text);
    if (!ownerId)
      return problem(owner && isPlainMention(owner.text) ? 'mention_plain' : 'owner_required', owner?.text ?? '');
    return ok({ verb: 'reassign', number, ownerId, reason: rest.slice(owner.end).trim() });
  }
  if (verb === 'snooze') {
    const words = tokenize(rest);
    const due = longestDueDate(words, today);
    if (!due.ok) return due;
    const reason = rest.slice(words[due.value.used - 1]?.end).trim();
    return reason ? ok({ verb: 'snooze', number, due: due.value.date, reason }) : problem('reason_required', '');
  }
  return rest ? ok({ verb: 'wont_do', number, reason: rest }) : problem('reason_required', '');
}

function parseCreate(text: string, today: LocalDate): ActionArgsParsed<ActionCommand> {
  const tokens = tokenize(text);
  const plain = tokens.find((token) => isPlainMention(token.text));
  if (plain) return problem('mention_plain', plain.text);
  const firstOption = tokens.findIndex((token) => optionOf(token.text) !== undefined);
  const tailStart = firstOption < 0 ? tokens.length : firstOption;
  const owners: string[] = [];
  const lastOfText = tokens[tailStart - 1];
  const endingOwner = lastOfText && userIdOf(lastOfText.text);
  if (endingOwner) owners.push(endingOwner);
  const textTokens = tokens.slice(0, endingOwner ? tailStart - 1 : tailStart);
  const draft: ActionDraft = { text: text.slice(0, textTokens.at(-1)?.end ?? 0).trim() };
  const seen = new Set<OptionKey>();
  for (let index = tailStart; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const mentioned = userIdOf(token.text);
    if (mentioned) {
      owners.push(mentioned);
      continue;
    }
    const option = optionOf(token.text);
    if (!option) return problem('text_after_options', text.slice(token.start).trim());
    if (seen.has(option.key)) return problem('option_repeated', option.key);
    seen.add(option.key);
    if (option.key === 'due') {
      // The value is the inline word and the plain words after it, up to the next option or mention.
      const following = tokens.slice(index + 1);
      const stop = following.findIndex((next) => optionOf(next.text) || userIdOf(next.text));
      const words = [
        ...(option.value ? [{ ...token, text: option.value }] : []),
        ...following.slice(0, stop < 0 ? undefined : stop),
      ];
      const due = longestDueDate(words, today);
      if (!due.ok) return due;
      draft.due = due.value.date;
      index += due.value.used - (option.value ? 1 : 0);
      continue;
    }
    const applied = applyOption(draft, option.key, option.value);
    if (applied) return applied;
  }
  if (new Set(owners).size > 1) return problem('owner_ambiguous', owners.join(' '));
  if (owners[0]) draft.ownerId = owners[0];
  return ok({ verb: draft.text ? 'create' : 'form', draft });
}

function applyOption(draft: ActionDraft, key: Exclude<OptionKey, 'due'>, value: string): ActionArgsProblem | undefined {
  const typed = value.toLowerCase();
  if (key === 'type') {
    const type = actionTypes.find((name) => name === typed);
    if (!type) return problem('type_unknown', value, actionTypes);
    draft.type = type;
  } else if (key === 'priority') {
    const priority = actionPriorities.find((name) => name === typed || name === `p${typed}`);
    if (!priority) return problem('priority_unknown', value, actionPriorities);
    draft.priority = priority;
  } else {
    // Tracker keys are upper case; "ops-123" is what a hurried person types for OPS-123.
    const key = trackerKeySchema.safeParse(value.toUpperCase());
    if (!key.success) return problem('tracker_invalid', value);
    draft.trackerKey = key.data;
  }
  return undefined;
}

/**
 * The longest run of leading words (up to four) that reads as a due date, and how many words it used;
 * when none does, the most specific problem (a past or impossible date over an unreadable one).
 */
export function longestDueDate(words: Token[], today: LocalDate): ActionArgsParsed<{ date: LocalDate; used: number }> {
  if (words.length === 0) return problem('due_required', '');
  let specific: ActionArgsProblem | undefined;
  let shortest: ActionArgsProblem | undefined;
  for (let used = Math.min(words.length, maxDueWords); used >= 1; used--) {
    const result = parseDueDate(
      words
        .slice(0, used)
        .map((word) => word.text)
        .join(' '),
      today,
    );
    if (result.ok) return ok({ date: result.date, used });
    shortest = problem(`due_${result.code}`, result.problem);
    if (result.code !== 'unrecognised') specific ??= shortest;
  }
  return (specific ?? shortest) as ActionArgsProblem;
}

/** The words of command text with their positions; Slack markup such as `<@U1|bob smith>` is one word. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(/<[^<>]*>|[^\s<]+|</g)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The user id of an escaped mention, or undefined. */
export function userIdOf(word: string): string | undefined {
  const parsed = mentionSchema.safeParse(word);
  return parsed.success ? parsed.data : undefined;
}

/** `@bob` typed as plain text: the install sends mentions unescaped, so there is no user id to read. */
export function isPlainMention(word: string): boolean {
  return /^@[\w.-]+/.test(word);
}

function optionOf(word: string): { key: OptionKey; value: string } | undefined {
  const match = /^([a-z]+):([\s\S]*)$/i.exec(word);
  const key = optionKeys.find((name) => name === match?.[1]?.toLowerCase());
  return key && match ? { key, value: match[2] as string } : undefined;
}

export function problem(code: ActionArgsProblemCode, detail: string, allowed?: readonly string[]): ActionArgsProblem {
  return allowed ? { ok: false, code, detail, allowed } : { ok: false, code, detail };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
