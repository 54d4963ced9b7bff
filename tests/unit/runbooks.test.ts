import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigInput } from '../../src/config/defaults.ts';
import { firebreakConfigSchema } from '../../src/config/firebreak-config.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import {
  loadRunbooks,
  matchRunbooks,
  offerStartKey,
  offerTsOf,
  parseRunbookText,
  RunbookError,
  runbookSteps,
  servicesWithoutRunbook,
} from '../../src/runbooks/index.ts';
import { runbookOfferMessage } from '../../src/slack/blocks/runbook-offer.ts';

const config = firebreakConfigSchema.parse(defaultConfigInput);

const valid = `name: cache-flush
title: Flush the cache
applies_to:
  services: [cache, Sessions]
  severities: [sev1]
  tags: [redis]
steps:
  - id: drain
    title: Drain traffic
  - id: choose
    title: Is the cache cluster healthy?
    decision:
      - label: "Yes"
        goto: flush
        skip: [failover]
      - label: "No"
        goto: failover
  - id: flush
    title: Flush
  - id: failover
    title: Fail over
verification:
  title: Hit rate recovers
`;

function problems(text: string): string[] {
  try {
    parseRunbookText(text, 'rb.yml', config);
  } catch (error) {
    if (error instanceof RunbookError) return error.problems;
    throw error;
  }
  return [];
}

describe('runbook files', () => {
  it('parse into ordered steps with the verification last', () => {
    const runbook = parseRunbookText(valid, 'rb.yml', config);
    expect(runbookSteps(runbook).map((s) => s.id)).toEqual(['drain', 'choose', 'flush', 'failover', 'verify']);
    expect(runbookSteps(runbook).at(-1)?.verification).toBe(true);
  });

  it('name file, line and field for schema errors', () => {
    expect(problems(valid.replace('goto: failover', 'goto: drain'))).toEqual([
      expect.stringMatching(
        /^rb\.yml:17: steps\.1\.decision\.1\.goto: must name a later step \(one of: flush, failover\)$/,
      ),
    ]);
    expect(problems(valid.replace('skip: [failover]', 'skip: [nope]'))).toEqual([
      expect.stringMatching(/^rb\.yml:15: steps\.1\.decision\.0\.skip\.0: "nope" is not a later step$/),
    ]);
    expect(problems(valid.replace('  - id: flush\n    title: Flush\n', '  - id: flush\n'))).toEqual([
      expect.stringMatching(/^rb\.yml:18: steps\.2\.title: /),
    ]);
    expect(problems(valid.replace('name: cache-flush', 'name: Cache Flush'))).toEqual([
      expect.stringMatching(/^rb\.yml:1: name: must be lowercase/),
    ]);
  });

  it('refuse a misspelt top-level key with its line and the nearest known key', () => {
    expect(problems(valid.replace('title: Flush the cache', 'title: Flush the cache\ndescripton: Clears it'))).toEqual([
      'rb.yml:3: descripton: is not a known key; did you mean "description"?',
    ]);
  });

  it('refuse a misspelt nested key with its line and the nearest known key', () => {
    expect(problems(valid.replace('  severities: [sev1]', '  severites: [sev1]'))).toEqual([
      'rb.yml:5: applies_to.severites: is not a known key; did you mean "severities"?',
    ]);
  });

  it('refuse a key inside a step with its line', () => {
    expect(problems(valid.replace('    title: Drain traffic', '    title: Drain traffic\n    detial: slowly'))).toEqual(
      ['rb.yml:10: steps.0.detial: is not a known key; did you mean "detail"?'],
    );
  });

  it('list every known key when a key is nothing like any of them', () => {
    expect(problems(`${valid}zzzzzzzz: 1\n`)).toEqual([
      'rb.yml:24: zzzzzzzz: is not a known key (known keys: name, title, description, applies_to, steps, verification)',
    ]);
  });

  it('refuse a severity the configuration does not define, naming the known ones', () => {
    expect(problems(valid.replace('severities: [sev1]', 'severities: [sev1, sev9]'))).toEqual([
      'rb.yml:5: applies_to.severities.1: "sev9" is not a severity (known: sev0, sev1, sev2, sev3, near-miss)',
    ]);
  });

  it('name file and line for YAML syntax errors', () => {
    expect(problems('name: x\nsteps: [\n')[0]).toMatch(/^rb\.yml:\d+: YAML syntax error/);
  });

  it('name file and line for an alias with no anchor', () => {
    expect(problems('name: x\nsteps: *steps\n')).toEqual([
      'rb.yml:2: YAML error: Unresolved alias (the anchor must be set before the alias): steps',
    ]);
  });

  it('a folder with a broken file fails as a whole, listing every problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    writeFileSync(join(dir, 'good.yml'), valid);
    writeFileSync(join(dir, 'bad.yml'), 'name: bad\ntitle: Bad\nsteps: []\n');
    await expect(loadRunbooks(config, dir)).rejects.toThrow(/bad\.yml:3: steps: needs at least one step/);
  });

  it('a folder with a runbook at an unknown severity fails with the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    writeFileSync(join(dir, 'sev9.yml'), valid.replace('severities: [sev1]', 'severities: [sev9]'));
    await expect(loadRunbooks(config, dir)).rejects.toThrow(
      `${join(dir, 'sev9.yml')}:5: applies_to.severities.0: "sev9" is not a severity`,
    );
  });

  it('the shipped examples are valid', async () => {
    const runbooks = await loadRunbooks(config);
    expect(runbooks.map((r) => r.name)).toEqual(['api-5xx', 'db-failover', 'elevated-latency']);
  });
});

describe('runbook matching', () => {
  const runbook = parseRunbookText(valid, 'rb.yml', config);
  it('matches a service (any case) or a title word, at the listed severities only', () => {
    expect(matchRunbooks([runbook], { services: ['sessions'], severity: 'sev1', title: 'Logins fail' })).toHaveLength(
      1,
    );
    expect(matchRunbooks([runbook], { services: [], severity: 'sev1', title: 'Redis evicting keys' })).toHaveLength(1);
    expect(matchRunbooks([runbook], { services: ['cache'], severity: 'sev2', title: 'x' })).toHaveLength(0);
    expect(matchRunbooks([runbook], { services: ['web'], severity: 'sev1', title: 'Slow pages' })).toHaveLength(0);
  });

  it('lists services no runbook covers', () => {
    expect(servicesWithoutRunbook([runbook], ['cache', 'billing', 'SESSIONS'])).toEqual(['billing']);
  });
});

describe('runbook offers', () => {
  const runbook = parseRunbookText(valid, 'rb.yml', config);
  const other = parseRunbookText(valid.replace('name: cache-flush', 'name: cache-warm'), 'rb2.yml', config);
  const text = (blocks: unknown) => JSON.stringify(blocks);

  it('knows the offer a run was started from, and only from a message ts', () => {
    expect(offerTsOf({ startKey: offerStartKey('1700000000.000100', 'cache-flush') })).toBe('1700000000.000100');
    expect(offerTsOf({ startKey: offerStartKey('trigger-abc', 'cache-flush') })).toBeUndefined();
    expect(offerTsOf({ startKey: null })).toBeUndefined();
  });

  it('names who started a runbook instead of offering Start, and keeps the others startable', async () => {
    const copy = await loadCopy();
    const started = runbookOfferMessage(copy, {
      incidentId: 7,
      runbooks: [runbook, other],
      missing: [],
      runs: new Map([['cache-flush', { startedBy: 'U0BOB', completed: false }]]),
    });
    const [flush, warm] = started.blocks.filter(
      (b) => b.block_id?.startsWith('offer_') && b.block_id !== 'offer_intro',
    );
    expect(text(flush)).toContain('Started by <@U0BOB> — see the checklist below');
    expect(text(flush)).not.toContain('runbook.start');
    expect(text(warm)).toContain('"value":"7:cache-warm"');
    const completed = runbookOfferMessage(copy, {
      incidentId: 7,
      runbooks: [runbook],
      missing: [],
      runs: new Map([['cache-flush', { startedBy: 'U0BOB', completed: true }]]),
    });
    expect(text(completed.blocks)).toContain('Started by <@U0BOB> · completed — see the checklist below');
  });

  it('notes a service without a runbook without contradicting the runbooks offered above', async () => {
    const copy = await loadCopy();
    const offered = runbookOfferMessage(copy, { incidentId: 7, runbooks: [runbook], missing: ['search-api'] });
    expect(offered.text).toContain(
      ':memo: None of the runbooks is written for search-api; *Flush the cache* is the closest match. A "write a runbook for search-api" follow-up is noted for the postmortem.',
    );
    const none = runbookOfferMessage(copy, { incidentId: 7, runbooks: [], missing: ['ledger'] });
    expect(none.text).toBe(
      ':memo: No runbook covers ledger yet. A "write a runbook for ledger" follow-up is noted for the postmortem.',
    );
  });
});
