import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatActionRef, parseActionRef, trackerKeySchema } from '../../src/actions/index.ts';
import { parseActionArgs } from '../../src/slack/parse/action-args.ts';
import { parseActionListArgs } from '../../src/slack/parse/action-list-args.ts';

// Thursday 3 December 2026; the Friday after is the 4th, the one after that the 11th.
const today = '2026-12-03';
const parse = (text: string) => parseActionArgs(text, today);
const draftOf = (text: string) => {
  const result = parse(text);
  if (!result.ok || (result.value.verb !== 'create' && result.value.verb !== 'form'))
    throw new Error(JSON.stringify(result));
  return result.value.draft;
};
const codeOf = (text: string) => {
  const result = parse(text);
  return result.ok ? undefined : result.code;
};

describe('action references and tracker keys', () => {
  it('formats and reads ACT-17 in the ways people type it', () => {
    expect(formatActionRef(17)).toBe('ACT-17');
    for (const typed of ['ACT-17', 'act17', 'act-17', ' Act-17 ']) expect(parseActionRef(typed)).toBe(17);
  });
  it('refuses what is not an action reference', () => {
    for (const typed of ['ACT-', 'ACT-0', 'INC-17', '17', 'ACT-17x', '']) expect(parseActionRef(typed)).toBeUndefined();
  });
  it('accepts tracker keys such as OPS-123 only', () => {
    expect(trackerKeySchema.safeParse('OPS-123').success).toBe(true);
    expect(trackerKeySchema.safeParse('SRE_2-9').success).toBe(true);
    for (const key of ['ops-123', 'O-1', 'OPS123', '1OPS-2'])
      expect(trackerKeySchema.safeParse(key).success).toBe(false);
  });
});

describe('/incident action <text> — a new action', () => {
  it('reads the text, the owner and every option', () => {
    expect(
      parse('Add an alert on p99 latency <@U123|bob> due:next friday type:detection priority:p1 tracker:OPS-12'),
    ).toEqual({
      ok: true,
      value: {
        verb: 'create',
        draft: {
          text: 'Add an alert on p99 latency',
          ownerId: 'U123',
          due: '2026-12-04',
          type: 'detection',
          priority: 'p1',
          trackerKey: 'OPS-12',
        },
      },
    });
  });
  it('takes options in any order, with the owner among them', () => {
    expect(draftOf('Add alert type:Detection <@U09> due:in 2 weeks')).toEqual({
      text: 'Add alert',
      ownerId: 'U09',
      type: 'detection',
      due: '2026-12-17',
    });
  });
  it('leaves the owner out when nobody is mentioned, for the form to ask', () => {
    expect(draftOf('Add alert due:2026-12-20')).toEqual({ text: 'Add alert', due: '2026-12-20' });
  });
  it('keeps a mention inside the text as text, and the mention ending it as the owner', () => {
    expect(draftOf('Pair <@U02> with the DBA team <@U01>')).toEqual({
      text: 'Pair <@U02> with the DBA team',
      ownerId: 'U01',
    });
    expect(draftOf('Ask <@U02> to review the runbook')).toEqual({ text: 'Ask <@U02> to review the runbook' });
  });
  it('reads a mention with a display name containing spaces as one word', () => {
    expect(draftOf('Add alert <@U01|bob smith>')).toEqual({ text: 'Add alert', ownerId: 'U01' });
  });
  it('keeps the text as typed, line breaks included', () => {
    expect(draftOf('Add alert\non p99  latency due:fri').text).toBe('Add alert\non p99  latency');
  });
  it('opens the form for empty text, prefilled with the options given', () => {
    expect(parse('  ')).toEqual({ ok: true, value: { verb: 'form', draft: { text: '' } } });
    expect(parse('<@U01> due:fri')).toEqual({
      ok: true,
      value: { verb: 'form', draft: { text: '', ownerId: 'U01', due: '2026-12-04' } },
    });
  });
  it('accepts priority written as 2 or P2, and a lower-case tracker key', () => {
    expect(draftOf('Add alert priority:P2 tracker:ops-7')).toEqual({
      text: 'Add alert',
      priority: 'p2',
      trackerKey: 'OPS-7',
    });
    expect(draftOf('Add alert priority:3').priority).toBe('p3');
  });
  it('takes a due expression of several words up to the next option', () => {
    expect(draftOf('Add alert due: in 1 month type:process')).toEqual({
      text: 'Add alert',
      due: '2027-01-03',
      type: 'process',
    });
  });
  it('refuses words after the options, whatever follows due:', () => {
    expect(parse('Add alert due:friday fix the thing')).toEqual({
      ok: false,
      code: 'text_after_options',
      detail: 'fix the thing',
    });
    expect(codeOf('due:friday Add alert')).toBe('text_after_options');
  });
  it('lists the allowed values for an unknown type or priority', () => {
    expect(parse('Add alert type:fix')).toEqual({
      ok: false,
      code: 'type_unknown',
      detail: 'fix',
      allowed: ['mitigation', 'corrective', 'preventive', 'detection', 'runbook', 'process'],
    });
    expect(parse('Add alert priority:urgent')).toMatchObject({ code: 'priority_unknown', allowed: ['p1', 'p2', 'p3'] });
  });
  it('refuses a malformed tracker key, a repeated option and two owners', () => {
    expect(codeOf('Add alert tracker:#12')).toBe('tracker_invalid');
    expect(codeOf('Add alert type:detection type:process')).toBe('option_repeated');
    expect(parse('Add alert <@U01> due:fri <@U02>')).toMatchObject({ code: 'owner_ambiguous', detail: 'U01 U02' });
    expect(draftOf('Add alert <@U01> due:fri <@U01>').ownerId).toBe('U01');
  });
  it('explains a due date it cannot use', () => {
    expect(parse('Add alert due:2026-12-01')).toMatchObject({
      code: 'due_past',
      detail: expect.stringContaining('past'),
    });
    expect(codeOf('Add alert due:2027-02-30')).toBe('due_not_a_date');
    expect(codeOf('Add alert due:whenever')).toBe('due_unrecognised');
    expect(codeOf('Add alert due: <@U01>')).toBe('due_required');
  });
  it('reports a plain @name: the install does not escape mentions', () => {
    expect(parse('Add alert @bob due:fri')).toEqual({ ok: false, code: 'mention_plain', detail: '@bob' });
  });
  it('takes a management word without a reference as the start of an action', () => {
    expect(draftOf('Snooze the disk alert during backups <@U01>')).toEqual({
      text: 'Snooze the disk alert during backups',
      ownerId: 'U01',
    });
  });
});

describe('/incident action done|snooze|reassign|wontdo ACT-n', () => {
  it('marks done with the evidence', () => {
    expect(parse('done ACT-17 alert added: https://grafana.example/d/1')).toEqual({
      ok: true,
      value: { verb: 'done', number: 17, evidence: 'alert added: https://grafana.example/d/1' },
    });
  });
  it('requires evidence to mark done, and a reference to act on', () => {
    expect(codeOf('done act17')).toBe('evidence_required');
    expect(parse('done 17 fixed')).toEqual({ ok: false, code: 'action_ref_required', detail: '17' });
    expect(codeOf('done')).toBe('action_ref_required');
  });
  it('snoozes to the longest due date at the front, the rest being the reason', () => {
    expect(parse('snooze ACT-3 next friday waiting on the vendor')).toEqual({
      ok: true,
      value: { verb: 'snooze', number: 3, due: '2026-12-04', reason: 'waiting on the vendor' },
    });
    expect(parse('snooze act-3 in 2 weeks freeze')).toMatchObject({ value: { due: '2026-12-17', reason: 'freeze' } });
    expect(parse('snooze ACT-3 tomorrow today is busy')).toMatchObject({
      value: { due: '2026-12-04', reason: 'today is busy' },
    });
  });
  it('requires a date and a reason to snooze, naming a past date as such', () => {
    expect(codeOf('snooze ACT-3')).toBe('due_required');
    expect(codeOf('snooze ACT-3 waiting on vendor')).toBe('due_unrecognised');
    expect(codeOf('snooze ACT-3 2026-11-30 waiting')).toBe('due_past');
    expect(codeOf('snooze ACT-3 in 2w')).toBe('reason_required');
  });
  it('reassigns to a mentioned person, with an optional reason', () => {
    expect(parse('reassign ACT-5 <@U07|carol>')).toEqual({
      ok: true,
      value: { verb: 'reassign', number: 5, ownerId: 'U07', reason: '' },
    });
    expect(parse('reassign ACT-5 <@U07> owns search now')).toMatchObject({ value: { reason: 'owns search now' } });
  });
  it('requires an escaped mention to reassign', () => {
    expect(parse('reassign ACT-5 @carol')).toEqual({ ok: false, code: 'mention_plain', detail: '@carol' });
    expect(codeOf('reassign ACT-5 carol')).toBe('owner_required');
    expect(codeOf('reassign ACT-5')).toBe('owner_required');
  });
  it.each(['wontdo', "won't do", 'won’t do', 'wont-do', 'WONTDO'])(
    'reads "%s" as won\'t do, with its reason',
    (word) => {
      expect(parse(`${word} ACT-8 replaced by ACT-9`)).toEqual({
        ok: true,
        value: { verb: 'wont_do', number: 8, reason: 'replaced by ACT-9' },
      });
    },
  );
  it("requires a reason for won't do", () => expect(codeOf('wontdo ACT-8')).toBe('reason_required'));
});

describe('the grammar on any text', () => {
  const words = fc.constantFrom(
    'done',
    'snooze',
    'ACT-1',
    'due:',
    'due:fri',
    'in',
    '2w',
    'type:x',
    '<@U01>',
    '@a',
    'Add',
    '<',
    'page',
    '3',
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.array(words, { maxLength: 8 }).map((w) => w.join(' ')),
  );

  it('never throws, and answers either a command or a coded problem', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const action = parseActionArgs(text, today);
        expect(action.ok ? action.value.verb : action.code).toMatch(/^[a-z_]+$/);
        const listed = parseActionListArgs(text);
        expect(listed.ok ? listed.value.page : listed.code).toBeTruthy();
      }),
      // A parser of typed text: as many inputs as the other parsers get (tests/unit/parser-properties.test.ts).
      { numRuns: 10_000 },
    );
  });

  it('keeps the text of a new action as typed, minus the options', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][a-z]{2,8}( [a-z0-9]{1,6}){0,5}$/),
        fc.constantFrom('', ' due:fri', ' <@U01> type:process'),
        (text, tail) => {
          const result = parseActionArgs(`${text}${tail}`, today);
          expect(result.ok && result.value.verb === 'create' && result.value.draft.text).toBe(text);
        },
      ),
    );
  });
});
