import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { defaultConfigInput } from '../../src/config/defaults.ts';
import { firebreakConfigSchema } from '../../src/config/firebreak-config.ts';
import { maxTitleLength } from '../../src/incidents/incident.ts';
import { findSeverity, parseServices, requireTitle } from '../../src/incidents/index.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { actionPageValue, parseActionPageValue } from '../../src/slack/parse/action-page-value.ts';
import { splitSubcommand, typedMentions } from '../../src/slack/parse/command-text.ts';
import { parseDeclareArgs } from '../../src/slack/parse/declare-args.ts';
import { firstWord, parseMention, splitIncidentRef } from '../../src/slack/parse/lifecycle-args.ts';
import { formatStatsQuery, parseStatsArgs } from '../../src/slack/parse/stats-args.ts';
import { maxNoteLength, noteTypes, parseMilestoneArgs, parseNoteText } from '../../src/timeline/note.ts';
import { parseLeadingTime } from '../../src/timeline/time-spec.ts';

// Every parser of typed text, fed 10,000 generated inputs: words of its grammar mixed with noise and
// Slack markup. Each must answer, or refuse with the error a person is shown — never anything else.
const runs = { numRuns: 10_000 };
const config = firebreakConfigSchema.parse(defaultConfigInput);
const now = new Date('2026-12-03T10:30:00Z');
const timeZones = fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham');

const markup = fc.constantFrom(
  '<@U0ABC|bob>',
  '<@U0ABC>',
  '<@W12>',
  '<#C01|general>',
  '<!channel>',
  '<!here>',
  '@bob',
  '<',
  '>',
  '&',
);
const noise = fc.string({ maxLength: 12 });
/** Text of up to `max` words drawn from `keywords`, Slack markup and noise, joined by varied spaces. */
function textOf(keywords: string[], max = 7) {
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keywords) },
    { weight: 1, arbitrary: markup },
    { weight: 2, arbitrary: noise },
  );
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc
      .array(fc.tuple(word, fc.constantFrom(' ', '  ', '\t', '\n', '')), { maxLength: max })
      .map((parts) => parts.map(([w, gap]) => w + gap).join('')),
  );
}

/** Runs `parse`, letting through only DomainErrors (whose code matches `codes`) and failing on anything else. */
function domainOrValue<T>(parse: () => T, codes: RegExp): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.code).toMatch(codes);
    expect(error.message.length).toBeGreaterThan(0);
    return undefined;
  }
}

const severityWords = [
  'sev0',
  'SEV1',
  'sev2',
  'Sev-3',
  'p1',
  'P0',
  '1',
  '3',
  '9',
  'sev7',
  'p9',
  'critical',
  'major',
  'minor',
  'nm',
  'near-miss',
  'nearmiss',
];

describe('command text', () => {
  it('splitSubcommand: the subcommand is one lower-case word and nothing typed is lost', () => {
    fc.assert(
      fc.property(textOf(['declare', 'RESOLVE', 'note', 'action', 'stats', 'page', 'sev1']), (text) => {
        const { subcommand, rest } = splitSubcommand(text);
        expect(subcommand).not.toMatch(/\s/);
        expect(subcommand).toBe(subcommand.toLowerCase());
        expect(rest).toBe(rest.trim());
        const typed = text.trim();
        expect(subcommand).toBe(typed.split(/\s/)[0]?.toLowerCase());
        expect(typed.endsWith(rest)).toBe(true);
      }),
      runs,
    );
  });

  it('firstWord, splitIncidentRef and parseMention never throw but a coded DomainError', () => {
    fc.assert(
      fc.property(textOf(['INC-12', 'inc7', 'inc-', 'INC-0', 'because', '<@U0ABC|bob>', '<@UAB>', '@bob']), (text) => {
        const { word, rest } = firstWord(text);
        expect(word).not.toMatch(/\s/);
        expect(rest).toBe(rest.trim());
        const ref = splitIncidentRef(text);
        if (ref.number !== undefined) {
          expect(Number.isInteger(ref.number)).toBe(true);
          expect(ref.ref).toMatch(/^INC-\d+$/);
          expect(Number(ref.ref.slice('INC-'.length))).toBe(ref.number);
        } else expect(ref.rest).toBe(text.trim());
        const id = domainOrValue(() => parseMention(text, 'usage'), /^command\.mention_(plain|required)$/);
        if (id !== undefined) expect(id).toMatch(/^[UW][A-Z0-9]{2,}$/);
      }),
      runs,
    );
  });
});

describe('severities, titles and services', () => {
  it('a severity found by any spelling of a name or alias is that severity, and found again by its name', () => {
    const spelled = fc
      .constantFrom(
        ...config.severities.flatMap((s) => [s.name, ...s.aliases].map((name) => ({ name, severity: s.name }))),
      )
      .chain(({ name, severity }) =>
        fc.tuple(
          fc.constant(severity),
          fc
            .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
            .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')),
        ),
      );
    fc.assert(
      fc.property(
        fc.oneof(
          spelled,
          textOf(severityWords, 2).map((t) => [undefined, t] as const),
        ),
        ([meant, typed]) => {
          const found = findSeverity(config, typed);
          if (meant !== undefined) expect(found?.name).toBe(meant);
          if (found) expect(findSeverity(config, found.name)).toBe(found);
        },
      ),
      runs,
    );
  });

  it('requireTitle gives a trimmed single-spaced title within the limit, or incident.title_*', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          textOf(['Checkout', 'errors', 'spiking', '<!here>'], 12),
          fc.string({ minLength: 110, maxLength: 140 }),
        ),
        (raw) => {
          const title = domainOrValue(() => requireTitle(raw), /^incident\.title_(required|too_long)$/);
          if (title === undefined) return;
          expect(title).toBe(title.trim());
          expect(title).not.toMatch(/\s\s|[\t\n]/);
          expect(title.length).toBeGreaterThan(0);
          expect(title.length).toBeLessThanOrEqual(maxTitleLength);
        },
      ),
      runs,
    );
  });

  it('parseServices gives distinct, trimmed, non-empty names', () => {
    fc.assert(
      fc.property(
        fc.option(textOf(['payments', 'checkout', ',', ' , ', '\n', 'web'], 10), { nil: undefined }),
        (raw) => {
          const names = parseServices(raw);
          expect(new Set(names).size).toBe(names.length);
          for (const name of names) {
            expect(name).toBe(name.trim());
            expect(name).not.toMatch(/^$|[,\n]/);
          }
        },
      ),
      runs,
    );
  });

  it('parseDeclareArgs names a configured severity and a valid title, or refuses with an incident.* code', () => {
    fc.assert(
      fc.property(textOf([...severityWords, 'Checkout', 'errors', 'spiking']), (text) => {
        const parsed = domainOrValue(
          () => parseDeclareArgs(text, config),
          /^incident\.(unknown_severity|title_required|title_too_long)$/,
        );
        if (!parsed) return;
        expect(config.severities.map((s) => s.name)).toContain(parsed.severity);
        expect(requireTitle(parsed.title)).toBe(parsed.title);
      }),
      runs,
    );
  });
});

describe('time specs, notes and milestones', () => {
  const timeWords = [
    'at',
    'now',
    'yesterday',
    'today',
    '14:05',
    '23:50',
    '9:7',
    '25:61',
    '00:00',
    '2026-12-03T09:15',
    '2026-11-25 14:05:30',
    '2026-02-30T10:00',
    '2026-12-03T09:15Z',
    '2026-12-03T09:15+05:30',
    '2027-01-01T00:00',
    'decision:',
    'hypothesis:',
    'Action :',
    'rolled',
    'back',
  ];

  it('parseLeadingTime gives a valid instant no later than a minute from now, or timeline.bad_time/time_in_future', () => {
    fc.assert(
      fc.property(textOf(timeWords, 5), timeZones, fc.boolean(), (text, timeZone, requireAt) => {
        const timed = domainOrValue(
          () => parseLeadingTime(text, { now, timeZone, requireAt }),
          /^timeline\.(bad_time|time_in_future)$/,
        );
        if (!timed) return;
        expect(Number.isNaN(timed.at.getTime())).toBe(false);
        expect(timed.at.getTime()).toBeLessThanOrEqual(now.getTime() + 60_000);
        expect(timed.rest).toBe(timed.rest.trim());
      }),
      runs,
    );
  });

  it('parseNoteText gives a known type and a trimmed text within the limit, or a timeline.* refusal', () => {
    fc.assert(
      fc.property(textOf(timeWords, 6), timeZones, (text, timeZone) => {
        const note = domainOrValue(
          () => parseNoteText(text, { now, timeZone }),
          /^timeline\.(bad_time|time_in_future|note_required|note_too_long)$/,
        );
        if (!note) return;
        if (note.noteType) expect(noteTypes).toContain(note.noteType);
        if (note.at) expect(Number.isNaN(note.at.getTime())).toBe(false);
        expect(note.text).toBe(note.text.trim());
        expect(note.text.length).toBeGreaterThan(0);
        expect(note.text.length).toBeLessThanOrEqual(maxNoteLength);
      }),
      runs,
    );
  });

  it('parseMilestoneArgs gives a milestone and a valid past instant, or a timeline.* refusal', () => {
    fc.assert(
      fc.property(
        textOf(['started', 'detected', 'Mitigated', 'resolved', 'begun', ...timeWords], 4),
        timeZones,
        (text, timeZone) => {
          const milestone = domainOrValue(
            () => parseMilestoneArgs(text, { now, timeZone }),
            /^timeline\.(bad_time|time_in_future|milestone_usage|unknown_milestone)$/,
          );
          if (!milestone) return;
          expect(Number.isNaN(milestone.at.getTime())).toBe(false);
          expect(milestone.at.getTime()).toBeLessThanOrEqual(now.getTime() + 60_000);
        },
      ),
      runs,
    );
  });
});

describe('stats arguments', () => {
  const statsWords = [
    '30d',
    '90D',
    '12w',
    '0d',
    '9999d',
    'quarter',
    '2026-11-01..2026-11-30',
    '2026-11-30..2026-11-01',
    '2026-02-30..2026-03-01',
    '2020-01-01..2026-01-01',
    'service:',
    'service:Payments',
    'service:web',
    ...severityWords,
  ];

  it('every query it reads is read back the same from formatStatsQuery, and it never throws', () => {
    fc.assert(
      fc.property(textOf(statsWords, 5), (text) => {
        const parsed = parseStatsArgs(text, config);
        if (!parsed.ok) {
          expect(parsed.code).toMatch(/^[a-z_]+$/);
          return;
        }
        const { spec, filter } = parsed.value;
        if (spec.kind === 'days') expect(spec.days).toBeGreaterThanOrEqual(1);
        if (filter.severity) expect(findSeverity(config, filter.severity)?.name).toBe(filter.severity);
        expect(parseStatsArgs(formatStatsQuery(parsed.value), config)).toEqual(parsed);
      }),
      runs,
    );
  });
});

describe('button values', () => {
  const target = fc.oneof(
    fc.record({ scope: fc.constant('incident' as const), incidentId: fc.integer({ min: 1, max: 2 ** 40 }) }),
    fc.record({ scope: fc.constant('owner' as const), ownerId: fc.stringMatching(/^[UW][A-Z0-9]{2,20}$/) }),
    fc.constant({ scope: 'overdue' as const }),
  );
  const values = fc.oneof(
    fc.tuple(target, fc.integer({ min: 1, max: 9999 })).map(([t, page]) => actionPageValue(t, page)),
    fc
      .array(fc.constantFrom('i', 'o', 'd', ':', '-', '0', '7', '0012', 'U0BOB', 'x', '99999'), { maxLength: 7 })
      .map((parts) => parts.join('')),
    fc.string({ maxLength: 20 }),
  );

  it('a list button value reads back to what it was written from, or is refused with a ZodError', () => {
    fc.assert(
      fc.property(values, (value) => {
        let parsed: ReturnType<typeof parseActionPageValue>;
        try {
          parsed = parseActionPageValue(value);
        } catch (error) {
          if (!(error instanceof ZodError)) throw error;
          return;
        }
        expect(parsed.page).toBeGreaterThanOrEqual(1);
        expect(parseActionPageValue(actionPageValue(parsed.target, parsed.page))).toEqual(parsed);
      }),
      runs,
    );
  });
});

describe('mentions in typed text', () => {
  it('typedMentions leaves no labelled mention, and only labelled mentions change', () => {
    fc.assert(
      fc.property(
        textOf(['<@U0ABC|bob>', '<@U0ABC>', '<#C01|general>', '<#C01>', '<@U0ABC|>', 'hi', '|', '<@u1|x>']),
        (text) => {
          const typed = typedMentions(text);
          expect(typed).not.toMatch(/<[@#][UWCG][A-Z0-9]+\|[^>]+>/);
          if (!/<[@#][UWCG][A-Z0-9]+\|[^>]+>/.test(text)) expect(typed).toBe(text);
        },
      ),
      runs,
    );
  });
});
