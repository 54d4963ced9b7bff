import { describe, expect, it } from 'vitest';
import { type BlamelessRule, checkBlameless } from '../../src/postmortems/blameless-check.ts';

const inWhatWentPoorly = (text: string) => checkBlameless(text, { field: 'what_went_poorly' });
const inFactors = (text: string, knownPeople?: string[]) =>
  checkBlameless(text, { field: 'contributing_factors', ...(knownPeople ? { knownPeople } : {}) });
const rulesOf = (text: string) => inWhatWentPoorly(text).map((flag) => flag.rule);

describe('default blameless rules', () => {
  const positives: [BlamelessRule, string, string][] = [
    ['fault', "The outage was Bob's fault.", "Bob's fault"],
    ['fault', 'It was the fault of <@U0BOB> and nobody else.', 'fault of <@U0BOB>'],
    ['fault', 'Honestly it was their fault.', 'their fault'],
    ['blame', 'The on-call engineer is to blame.', 'is to blame'],
    ['blame', 'We blamed the new hire at first.', 'blamed'],
    ['human-error', 'Root cause: Human Error.', 'Human Error'],
    ['should-have-known', 'They should have known the flag was live.', 'should have known'],
    ['should-have-known', "Anyone should've known.", "should've known"],
    ['careless', 'A careless edit to the config.', 'careless'],
    ['careless', 'Carelessness during the rollout.', 'Carelessness'],
    ['negligent', 'This was negligent.', 'negligent'],
    ['negligent', 'Negligence in the review.', 'Negligence'],
    ['failed-to', 'Bob failed to check the config.', 'Bob failed to'],
    ['failed-to', 'At 10:02 <@U0ALICE> failed to roll back.', '<@U0ALICE> failed to'],
    ['failed-to', 'Then @alice failed to page the database team.', '@alice failed to'],
    ['failed-to', 'The on-call engineer failed to acknowledge the page.', 'The on-call engineer failed to'],
    ['failed-to', 'Someone had failed to renew the certificate.', 'Someone had failed to'],
    ['forgot-to', 'She forgot to update the runbook.', 'She forgot to'],
    ['did-not-bother', "He didn't bother to run the tests.", "didn't bother"],
    ['did-not-bother', 'The reviewer did not bother with the migration.', 'did not bother'],
    ['sloppy', 'Sloppy work on the migration.', 'Sloppy'],
    ['incompetent', 'An incompetent change.', 'incompetent'],
  ];
  for (const [rule, text, phrase] of positives) {
    it(`flags ${rule}: "${text}"`, () => {
      expect(inWhatWentPoorly(text).map((flag) => [flag.rule, flag.phrase])).toContainEqual([rule, phrase]);
    });
  }

  const nearMisses = [
    'A fault in the disk controller corrupted the index.',
    "It's fault tolerant by design, so the replica took over.",
    'The fault of the load balancer health check let bad nodes in.',
    'We ran a blameless review the next day.',
    'No one is to blame: the alert was routed to a retired channel.',
    'Nobody was to blame for the retry storm.',
    'The human-readable error message pointed at the wrong file.',
    'We should have a runbook for this failure mode.',
    'The operator was careful to drain the node first.',
    'Latency rose by a negligible 2 ms.',
    'The job failed to start because the image was missing.',
    'Redis failed to accept connections after the upgrade.',
    'Payments failed to settle for 20 minutes. Checkout failed to load. GCP failed to provision a node.',
    'Monitoring failed to alert, and Replication failed to catch up.',
    'We failed to notice the queue growing: there was no alert on its depth.',
    'The cleanup script forgot to release the lock.',
    'The latency spike did not bother the users, who were asleep.',
    'The graph shows a steep slope after 10:00.',
    'Competing writes from two workers caused the conflict.',
  ];
  for (const text of nearMisses) {
    it(`does not flag: "${text}"`, () => {
      expect(inWhatWentPoorly(text)).toEqual([]);
    });
  }
});

describe('flags', () => {
  it('gives offsets that slice out the phrase as written', () => {
    const text = "Summary. It was human error, and Bob's fault.";
    const flags = inWhatWentPoorly(text);
    expect(flags.map((flag) => text.slice(flag.start, flag.end))).toEqual(['human error', "Bob's fault"]);
    expect(flags.map((flag) => flag.start)).toEqual([16, 33]);
  });

  it('lists several flags in one text in order of position', () => {
    expect(rulesOf('Sloppy and careless: Bob failed to test it, human error.')).toEqual([
      'sloppy',
      'careless',
      'failed-to',
      'human-error',
    ]);
  });

  it('flags two people failing in one sentence separately', () => {
    expect(inWhatWentPoorly('Bob failed to page, so she failed to roll back.').map((flag) => flag.phrase)).toEqual([
      'Bob failed to',
      'she failed to',
    ]);
  });

  it('says which field, why, and suggests rewording with the system as the subject', () => {
    const [flag] = inWhatWentPoorly('Bob failed to check the config.');
    expect(flag).toMatchObject({ field: 'what_went_poorly', rule: 'failed-to', start: 0, end: 13 });
    expect(flag?.suggestion).toContain('no step in the process made sure to check the config');
    expect(flag?.suggestion).toContain('what let it through unchecked');
    expect(flag?.why).toMatch(/system/);
  });

  it('finds nothing in a blameless paragraph', () => {
    const text = [
      'At 09:12 a config change disabled the connection pool limit. The deploy check does not validate',
      'pool settings, so the change went out unreviewed by automation. The job failed to start on two',
      'nodes, the alert fired after 11 minutes, and the on-call engineer rolled back at 09:31.',
      'We had no canary stage for config-only changes; adding one is action PM-12.',
    ].join(' ');
    expect(inWhatWentPoorly(text)).toEqual([]);
    expect(inFactors(text)).toEqual([]);
  });
});

describe('people in contributing factors', () => {
  it('flags a Slack mention in contributing factors', () => {
    expect(inFactors('Change approved by <@U0ALICE|alice> without a second look.')).toMatchObject([
      { rule: 'person-in-contributing-factors', phrase: '<@U0ALICE|alice>', start: 19, end: 35 },
    ]);
  });

  it('flags a plain @name in contributing factors, whatever the field is spelt', () => {
    const flags = checkBlameless('Deploy run by @bob.smith late at night.', { field: 'Contributing-Factors' });
    expect(flags.map((flag) => flag.phrase)).toEqual(['@bob.smith']);
  });

  it('flags a known person named in contributing factors', () => {
    expect(inFactors('Dana merged the change.', ['Dana']).map((flag) => flag.phrase)).toEqual(['Dana']);
  });

  it('does not flag mentions in other fields, e-mail addresses, or @here', () => {
    expect(inWhatWentPoorly('Thanks to <@U0ALICE> and @bob for the quick rollback.')).toEqual([]);
    expect(inFactors('Alerts went to oncall@example.com, which nobody reads; @here was not used.')).toEqual([]);
  });

  it('treats a known person as a subject even when the name looks like a plural', () => {
    const flags = checkBlameless('Hans failed to page support.', { field: 'timeline', knownPeople: ['Hans'] });
    expect(flags.map((flag) => flag.phrase)).toEqual(['Hans failed to']);
  });

  it('treats a known person as a subject anywhere in the sentence', () => {
    const flags = checkBlameless('At 10:00 Dana failed to page support.', { field: 'timeline', knownPeople: ['Dana'] });
    expect(flags.map((flag) => [flag.rule, flag.phrase])).toEqual([['failed-to', 'Dana failed to']]);
  });
});

describe('phrases from firebreak.yml', () => {
  const extraPhrases = [
    { phrase: 'dropped the ball', suggestion: 'Name the step the process skipped.' },
    { pattern: String.raw`\bcowboy(ed)?\b`, suggestion: 'Name the missing guard-rail.' },
  ];

  it('flags an extra plain phrase as whole words, ignoring case and spacing, with its suggestion', () => {
    const flags = checkBlameless('Ops Dropped  the Ball on the rollout.', { field: 'summary', extraPhrases });
    expect(flags).toMatchObject([
      {
        rule: 'configured-phrase',
        phrase: 'Dropped  the Ball',
        start: 4,
        end: 21,
        suggestion: 'Name the step the process skipped.',
      },
    ]);
  });

  it('does not flag an extra phrase inside a longer word', () => {
    expect(checkBlameless('We dropped the balloon count.', { field: 'summary', extraPhrases })).toEqual([]);
  });

  it('flags an extra pattern', () => {
    expect(
      checkBlameless('The change was cowboyed in.', { field: 'summary', extraPhrases }).map((flag) => flag.phrase),
    ).toEqual(['cowboyed']);
  });
});
