import { performance } from 'node:perf_hooks';
import { findIncidentById } from '../../src/incidents/index.ts';
import type { HumanSections } from '../../src/postmortems/index.ts';
import { renderPostmortem } from '../../src/postmortems/index.ts';
import { collectGarbage, type MemoryPeak, measurePeak } from '../memory-peak.ts';
import { type SeededIncident, seedIncident, seedTeamId } from '../postmortem-seed.ts';
import { openRawSql, type RawSql } from '../raw-sql.ts';
import type { BenchContext, Scenario } from '../scenario.ts';
import { type DraftMeasurements, type DraftSize, draftingResult } from './postmortem-drafting-report.ts';

const scenario = 'postmortem-drafting';
/** Timeline sizes drafted, with warm-up and timed repetitions (each timed one drafts once and selects once). */
const sizes = [
  { label: '10k', entries: 10_000, warmup: 2, repetitions: 15 },
  { label: '100k', entries: 100_000, warmup: 1, repetitions: 7 },
] as const;
/** Memory passes per size (the highest is kept): separate from the timed ones, so sampling costs them nothing. */
const memoryPasses = 2;

const postmortem = { status: 'draft', ownerId: 'U0PM0001', dueDate: '2026-12-09' } as const;
// What people typically write: a few paragraphs and factors, so rendering has some human text to carry.
const human: HumanSections = {
  summary:
    'A config flag flipped by deploy 4711 sent every EU checkout to a drained replica pool.\n\nCheckout failed for 41 minutes.',
  contributing_factors:
    '[x] The flag had no per-region guard\n[ ] The canary did not cover EU traffic\n- Alerts fired on error rate, not on checkout success',
  went_well: 'Rollback took four minutes once the flag was found.',
  went_poorly: 'Twenty minutes passed before anyone looked at recent deploys.',
  lucky: 'It happened at 3 a.m. local time.',
};

/** The raw baseline: every row of the incident, as the database holds them, through a connection of the bench's own. */
const selectAll = 'SELECT * FROM timeline_entries WHERE team_id = $1 AND incident_id = $2';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  collectGarbage();
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

type Subject = {
  size: (typeof sizes)[number];
  seeded: SeededIncident;
  draft: () => Promise<{ markdown: string }>;
  select: () => Promise<unknown[]>;
};

/** The draft and the raw select of one seeded incident, as the measurements call them. */
async function subjectOf(
  context: BenchContext,
  raw: RawSql,
  seeded: SeededIncident,
  size: (typeof sizes)[number],
): Promise<Subject> {
  const deps = context.firebreak.app.deps;
  const incident = await findIncidentById(deps.db, { teamId: seedTeamId, id: seeded.id });
  if (!incident) throw new Error(`seeded incident ${seeded.id} not found`);
  return {
    size,
    seeded,
    draft: () => renderPostmortem(deps.db, deps, incident, postmortem, human),
    select: () => raw.query<Record<string, unknown>>(selectAll, [seedTeamId, seeded.id]),
  };
}

const higher = (a: MemoryPeak, b: MemoryPeak): MemoryPeak => ({
  rssMb: Math.max(a.rssMb, b.rssMb),
  heapMb: Math.max(a.heapMb, b.heapMb),
  collections: a.collections + b.collections,
  exactRss: a.exactRss && b.exactRss,
});
const nothing: MemoryPeak = { rssMb: 0, heapMb: 0, collections: 0, exactRss: true };

/**
 * Peak memory of drafting, sizes alternating (10k, 100k, 10k, …), before any SELECT * has run: that one
 * holds every row at once, and the pages it made resident (PGlite's WebAssembly memory never shrinks) would
 * hide what drafting needs.
 */
async function draftPeaks(subjects: Subject[]): Promise<Map<Subject, MemoryPeak>> {
  const peaks = new Map(subjects.map((s) => [s, nothing] as const));
  for (const subject of subjects) await subject.draft();
  for (let i = 0; i < memoryPasses; i++)
    for (const subject of subjects)
      peaks.set(subject, higher(peaks.get(subject)!, (await measurePeak(subject.draft)).peak));
  return peaks;
}

/** Drafts one incident repeatedly next to the raw select, alternating (S D | D S | …) so neither always follows the other's garbage. */
async function timeSize(subject: Subject): Promise<Omit<DraftSize, 'draftPeak' | 'selectPeak'>> {
  const { size, draft, select } = subject;
  for (let i = 0; i < size.warmup; i++) {
    await select();
    await draft();
  }
  const draftMs: number[] = [];
  const selectMs: number[] = [];
  let markdown = '';
  let selectedRows = 0;
  for (let i = 0; i < size.repetitions; i++) {
    const order = i % 2 === 0 ? ['select', 'draft'] : ['draft', 'select'];
    for (const side of order) {
      if (side === 'draft') {
        const run = await timed(draft);
        draftMs.push(run.ms);
        markdown = run.result.markdown;
      } else {
        const run = await timed(select);
        selectMs.push(run.ms);
        selectedRows = run.result.length;
      }
    }
  }
  return { label: size.label, seeded: subject.seeded, draftMs, selectMs, selectedRows, markdown };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Time, peak memory and output size of drafting a postmortem for incidents of 10,000 and 100,000 timeline entries. */
export const postmortemDrafting: Scenario = {
  name: scenario,
  description:
    'renderPostmortem for incidents of 10,000 and 100,000 timeline entries: time vs a raw SELECT * of the same rows, peak memory, document size',
  async run(context) {
    const raw = openRawSql(context.database, context.databaseUrl, 1);
    try {
      const seedStarted = performance.now();
      const seeded: SeededIncident[] = [];
      for (const [i, size] of sizes.entries()) seeded.push(await seedIncident(raw, { number: i + 1, n: size.entries }));
      // As autovacuum would after such a load: the planner sees the table as it is.
      await raw.query('ANALYZE timeline_entries', []);
      const seedMs = performance.now() - seedStarted;
      context.log(
        `  ${scenario}: seeded ${seeded.map((s) => s.entries).join(' + ')} entries in ${seedMs.toFixed(0)} ms`,
      );
      const subjects: Subject[] = [];
      for (const [i, size] of sizes.entries()) subjects.push(await subjectOf(context, raw, seeded[i]!, size));
      const draftPeak = await draftPeaks(subjects);
      const measured: DraftSize[] = [];
      for (const subject of subjects) {
        const times = await timeSize(subject);
        // For contrast: what holding every row costs (last, see draftPeaks).
        const selectPeak = (await measurePeak(subject.select)).peak;
        measured.push({ ...times, draftPeak: draftPeak.get(subject)!, selectPeak });
        context.log(
          `  ${scenario}: ${subject.size.label}: draft median ${median(times.draftMs).toFixed(1)} ms, select * median ${median(times.selectMs).toFixed(1)} ms, ${Buffer.byteLength(times.markdown)} bytes`,
        );
      }
      const measurements: DraftMeasurements = { scenario, sizes: measured, seedMs, rawLabel: raw.label };
      return [draftingResult(measurements)];
    } finally {
      await raw.close();
    }
  },
};
