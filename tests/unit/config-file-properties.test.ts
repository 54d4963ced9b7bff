import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultConfigInput } from '../../src/config/defaults.ts';
import { firebreakConfigSchema } from '../../src/config/firebreak-config.ts';
import { ConfigError, parseConfigText } from '../../src/config/load-config.ts';
import { parseRunbookText, RunbookError } from '../../src/runbooks/load-runbooks.ts';

// firebreak.yml and runbook files, 10,000 generated documents each: near-valid documents with parts
// replaced, broken YAML spliced in, and noise. Each loads, or fails with the error that lists what to fix.
const runs = { numRuns: 10_000 };
const config = firebreakConfigSchema.parse(defaultConfigInput);
// Missing keys take the built-in defaults, so a small document exercises the same checks quickly.
const smallConfig: Record<string, unknown> = {
  severities: [{ name: 'sev1', aliases: ['p1'], roles_required: ['commander'], update_cadence_minutes: 30 }],
  default_severity: 'sev1',
  timezone: 'Europe/London',
  business_days: ['mon', 'tue'],
  channels: { announcement: '#incidents' },
};

describe('configuration and runbook files', () => {
  /** YAML made from a document shaped like the real one with some parts replaced by generated values. */
  function yamlLike(base: Record<string, unknown>, keys: string[]) {
    const baseEntries = new Map(Object.entries(base).map(([key, v]) => [key, stringify({ [key]: v })]));
    const value = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -2, max: 200 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...keys, 'nme', 'x'), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
    );
    const edited = fc
      .array(fc.tuple(fc.constantFrom(...keys, 'unknown_key'), fc.oneof(value, fc.constant(undefined))), {
        maxLength: 3,
      })
      .map((edits) => {
        // Each top-level entry is written once; only the generated values are turned into YAML per run.
        const entries = new Map(baseEntries);
        for (const [key, v] of edits) {
          if (v === undefined) entries.delete(key);
          else entries.set(key, stringify({ [key]: v }));
        }
        return [...entries.values()].join('');
      });
    const syntax = fc.constantFrom(
      'key: [unclosed',
      ': :',
      '\t- tab',
      'a: b\n a: c',
      '"',
      '&anchor *x',
      '!!binary x',
      '---\n---\n',
      '%YAML 9',
    );
    return fc.oneof(
      edited,
      fc.tuple(edited, fc.nat(), syntax).map(([text, at, bad]) => {
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + bad + text.slice(cut);
      }),
      fc.string({ maxLength: 30 }),
      fc
        .array(
          fc.constantFrom(
            ...keys.map((k) => `${k}:`),
            ' ',
            '\n',
            '  - ',
            'x',
            '1',
            '[',
            ']',
            '{',
            '}',
            '"',
            "'",
            '#',
            '&a',
            '*a',
          ),
          { maxLength: 12 },
        )
        .map((t) => t.join('')),
    );
  }
  const file = 'firebreak.yml';
  /** A ConfigError/RunbookError lists problems, each naming the file and saying what to fix, with no stack. */
  function expectReadableProblems(problems: string[], name: string) {
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.startsWith(name)).toBe(true);
      expect(problem).toMatch(new RegExp(`^${name.replace('.', '\\.')}(:\\d+)?: \\S`));
      expect(problem).not.toMatch(/\n\s+at |Error:|\[object Object\]/);
    }
  }

  it('parseConfigText gives a valid configuration or a ConfigError naming what to fix', () => {
    fc.assert(
      fc.property(yamlLike(smallConfig, Object.keys(firebreakConfigSchema.shape)), (text) => {
        try {
          const parsed = parseConfigText(text, file);
          expect(firebreakConfigSchema.safeParse(parsed).success).toBe(true);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expectReadableProblems(error.problems, file);
        }
      }),
      runs,
    );
  });

  it('parseRunbookText gives a runbook whose steps are all checkable, or a RunbookError naming what to fix', () => {
    const runbook = {
      name: 'db-failover',
      title: 'Fail over the database',
      applies_to: { services: ['db'], severities: ['sev1'] },
      steps: [
        {
          id: 'check',
          title: 'Check replication lag',
          decision: [
            { label: 'Lag low', goto: 'promote' },
            { label: 'High', goto: 'wait', skip: ['promote'] },
          ],
        },
        { id: 'promote', title: 'Promote the replica' },
        { id: 'wait', title: 'Wait' },
      ],
      verification: { title: 'Writes succeed' },
    };
    fc.assert(
      fc.property(
        yamlLike(runbook, ['name', 'title', 'description', 'applies_to', 'steps', 'verification']),
        (text) => {
          try {
            const parsed = parseRunbookText(text, 'db.yml', config);
            expect(parsed.steps.length).toBeGreaterThan(0);
            expect(new Set(parsed.steps.map((s) => s.id)).size).toBe(parsed.steps.length);
          } catch (error) {
            if (!(error instanceof RunbookError)) throw error;
            expectReadableProblems(error.problems, 'db.yml');
          }
        },
      ),
      runs,
    );
  });
});
