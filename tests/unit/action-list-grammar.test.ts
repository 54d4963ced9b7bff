import { describe, expect, it } from 'vitest';
import { parseActionListArgs } from '../../src/slack/parse/action-list-args.ts';

describe('/incident actions — which to list', () => {
  const list = (text: string) => parseActionListArgs(text);
  it("lists the channel incident's actions by default, page 1", () =>
    expect(list('')).toEqual({ ok: true, value: { scope: 'incident', page: 1 } }));
  it('reads mine, overdue, a person and an incident reference', () => {
    expect(list('mine')).toEqual({ ok: true, value: { scope: 'mine', page: 1 } });
    expect(list('OVERDUE')).toEqual({ ok: true, value: { scope: 'overdue', page: 1 } });
    expect(list('<@U04|dana>')).toEqual({ ok: true, value: { scope: 'person', userId: 'U04', page: 1 } });
    expect(list('inc-12')).toEqual({ ok: true, value: { scope: 'incident_ref', number: 12, page: 1 } });
  });
  it('reads a page after or before the scope', () => {
    expect(list('mine page 3')).toEqual({ ok: true, value: { scope: 'mine', page: 3 } });
    expect(list('page 2 INC-4')).toEqual({ ok: true, value: { scope: 'incident_ref', number: 4, page: 2 } });
  });
  it('refuses a bad page, two scopes, a plain @name and unknown words', () => {
    expect(list('page 0')).toMatchObject({ code: 'page_invalid', detail: '0' });
    expect(list('page')).toMatchObject({ code: 'page_invalid' });
    expect(list('mine overdue')).toMatchObject({ code: 'list_scope_repeated', detail: 'overdue' });
    expect(list('@dana')).toMatchObject({ code: 'mention_plain' });
    expect(list('everything')).toMatchObject({
      code: 'list_scope_unknown',
      detail: 'everything',
      allowed: ['mine', 'overdue', '@person', 'INC-12'],
    });
  });
});
