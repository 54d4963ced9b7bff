import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadRunbooks,
  matchRunbooks,
  parseRunbookText,
  RunbookError,
  runbookSteps,
  servicesWithoutRunbook,
} from '../../src/runbooks/index.ts';

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
    parseRunbookText(text, 'rb.yml');
  } catch (error) {
    if (error instanceof RunbookError) return error.problems;
    throw error;
  }
  return [];
}

describe('runbook files', () => {
  it('parse into ordered steps with the verification last', () => {
    const runbook = parseRunbookText(valid, 'rb.yml');
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

  it('name file and line for YAML syntax errors', () => {
    expect(problems('name: x\nsteps: [\n')[0]).toMatch(/^rb\.yml:\d+: YAML syntax error/);
  });

  it('a folder with a broken file fails as a whole, listing every problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    writeFileSync(join(dir, 'good.yml'), valid);
    writeFileSync(join(dir, 'bad.yml'), 'name: bad\ntitle: Bad\nsteps: []\n');
    await expect(loadRunbooks(dir)).rejects.toThrow(/bad\.yml:3: steps: needs at least one step/);
  });

  it('the shipped examples are valid', async () => {
    const runbooks = await loadRunbooks();
    expect(runbooks.map((r) => r.name)).toEqual(['api-5xx', 'db-failover', 'elevated-latency']);
  });
});

describe('runbook matching', () => {
  const runbook = parseRunbookText(valid, 'rb.yml');
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
