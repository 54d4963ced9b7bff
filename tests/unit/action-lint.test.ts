import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVerb, lintActionText } from '../../src/actions/index.ts';

const codes = (text: string) => lintActionText(text).findings.map((finding) => finding.code);

describe('the wording check on actions', () => {
  it('passes a bounded action that opens with a verb', () => {
    expect(lintActionText('Add an alert on search-api p99 latency > 2 s for 5 min, paging the search on-call')).toEqual(
      { vague: false, findings: [] },
    );
  });

  it.each([
    'Rotate the Redis credentials and store them in Vault',
    'Automate the failover drill for the payments database',
    'Verify backups of orders-db restore within 30 minutes',
    'Configure a 2 s timeout on calls from checkout to inventory',
  ])('takes "%s" as opening with a verb', (text) => expect(codes(text)).toEqual([]));

  it('flags text that does not open with a verb, naming the word', () => {
    expect(lintActionText('Better dashboards for the search team')).toEqual({
      vague: true,
      findings: [{ code: 'no_verb', word: 'better' }],
    });
  });

  it('does not take a noun ending in -e for a verb', () =>
    expect(codes('Database failover runbook')).toEqual(['no_verb']));

  it.each([
    ['Investigate', 'investigate'],
    ['Look into the outage', 'look into'],
    ['Improve monitoring', 'improve monitoring'],
    ['Check the config', 'check'],
    ['Fix issues', 'fix issues'],
    ['Monitor disk usage', 'monitor'],
    ['Review the deploy process', 'review'],
    ['investigate.', 'investigate'],
  ])('flags "%s" as vague', (text, opener) => {
    expect(lintActionText(text)).toEqual({ vague: true, findings: [{ code: 'vague', opener }] });
  });

  it('lets a vague opener through when a bounded task follows it', () => {
    expect(codes('Investigate why search-api p99 spiked on 1 December and write it up in the postmortem')).toEqual([]);
  });

  it('counts the words after the opener: three is vague, four is not', () => {
    expect(codes('Review the deploy process')).toEqual(['vague']);
    expect(codes('Review the canary deploy process')).toEqual([]);
  });

  it('ignores mentions and links when reading the words', () => {
    expect(codes('<@U123|bob> Add a disk alert on <https://grafana.example/d/1|the db dashboard> hosts')).toEqual([]);
  });

  it('has nothing to say about empty text', () => expect(lintActionText('  ')).toEqual({ vague: false, findings: [] }));

  it('reads -ify words as verbs, and listed words like "the" as not', () => {
    expect(isVerb('simplify')).toBe(true);
    expect(isVerb('the')).toBe(false);
    expect(isVerb('dashboards')).toBe(false);
  });

  it('never throws, and calls text vague exactly when it has findings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const lint = lintActionText(text);
        expect(lint.vague).toBe(lint.findings.length > 0);
      }),
    );
  });
});
