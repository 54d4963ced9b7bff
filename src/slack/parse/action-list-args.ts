import { type ActionArgsParsed, isPlainMention, ok, problem, type Token, tokenize, userIdOf } from './action-args.ts';

export type ActionListScope =
  /** The incident of the channel the command was typed in. */
  | { scope: 'incident' }
  | { scope: 'mine' }
  | { scope: 'overdue' }
  | { scope: 'person'; userId: string }
  | { scope: 'incident_ref'; number: number };

/** Which actions to list, and which page of them (from 1). */
export type ActionListQuery = ActionListScope & { page: number };

/** What may stand where a scope goes, for a problem's `allowed`. */
export const actionListScopes = ['mine', 'overdue', '@person', 'INC-12'] as const;
const maxPage = 1000;

/**
 * Reads the text after `/incident actions`: at most one scope (`mine`, `overdue`, a mention, `INC-12`),
 * none meaning the channel's incident, and `page N`, in either order; never throws.
 */
export function parseActionListArgs(text: string): ActionArgsParsed<ActionListQuery> {
  const tokens = tokenize(text);
  let scope: ActionListScope | undefined;
  let page: number | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const word = (tokens[index] as Token).text;
    if (word.toLowerCase() === 'page') {
      const value = tokens[index + 1]?.text ?? '';
      const number = /^\d{1,4}$/.test(value) ? Number(value) : 0;
      if (page !== undefined || number < 1 || number > maxPage) return problem('page_invalid', value);
      page = number;
      index++;
      continue;
    }
    const next = scopeOf(word);
    if (!next.ok) return next;
    if (scope) return problem('list_scope_repeated', word);
    scope = next.value;
  }
  return ok({ ...(scope ?? { scope: 'incident' }), page: page ?? 1 });
}

function scopeOf(word: string): ActionArgsParsed<ActionListScope> {
  const typed = word.toLowerCase();
  if (typed === 'mine') return ok({ scope: 'mine' });
  if (typed === 'overdue') return ok({ scope: 'overdue' });
  const userId = userIdOf(word);
  if (userId) return ok({ scope: 'person', userId });
  if (isPlainMention(word)) return problem('mention_plain', word);
  const incident = /^inc-?(\d{1,9})$/.exec(typed);
  if (incident && Number(incident[1]) >= 1) return ok({ scope: 'incident_ref', number: Number(incident[1]) });
  return problem('list_scope_unknown', word, actionListScopes);
}
