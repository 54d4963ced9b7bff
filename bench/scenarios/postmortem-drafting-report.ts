import { createHash } from 'node:crypto';
import { percentile } from '../load.ts';
import { canCollectGarbage, type MemoryPeak } from '../memory-peak.ts';
import type { SeededIncident } from '../postmortem-seed.ts';
import { type Comparison, type ResultRow, type ScenarioResult, sequentialRow, type TargetCheck } from '../scenario.ts';

/** Targets from the issue (#15 "Proven by"). */
export const draftingTargets = {
  /** Drafting ÷ a raw SELECT * of the incident's rows, at the median and at p90. */
  rawRatio: 3,
  /** Peak memory while drafting the 100k incident, above the 10k one's. */
  extraMemoryMb: 50,
  /** Slack's limit on a canvas's content. */
  canvasBytes: 1024 * 1024,
} as const;

/** The line the document ends its key timeline with when there are more key moments than it shows. */
export const pointerLine = 'more key moments are in the full timeline export';

/** What one incident size measured. */
export type DraftSize = {
  label: string;
  seeded: SeededIncident;
  draftMs: number[];
  selectMs: number[];
  /** Rows the raw select returned (should be every entry). */
  selectedRows: number;
  /** The last document drafted. */
  markdown: string;
  draftPeak: MemoryPeak;
  selectPeak: MemoryPeak;
};

export type DraftMeasurements = { scenario: string; sizes: DraftSize[]; seedMs: number; rawLabel: string };

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const p90 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    90,
  );

/** The key timeline's lines ("- **time** …" under "## Key timeline") and whether it ends with the pointer line. */
export function keyTimelineOf(markdown: string): { lines: number; pointer: string | undefined } {
  const section = markdown.split('\n## Key timeline\n')[1]?.split('\n## ')[0] ?? '';
  const lines = section.split('\n').filter((line) => line.startsWith('- **')).length;
  const pointer = section.split('\n').find((line) => line.includes(pointerLine));
  return { lines, pointer };
}

/** Rows (draft, select * per size), the issue's targets, sanity facts and problems of the drafting scenario. */
export function draftingResult({ scenario, sizes, seedMs, rawLabel }: DraftMeasurements): ScenarioResult {
  const rows: ResultRow[] = [];
  const comparisons: Comparison[] = [];
  const sanity: ScenarioResult['sanity'] = {};
  const problems: string[] = [];
  for (const size of sizes) {
    const draft = sequentialRow(scenario, `draft ${size.label}`, size.draftMs);
    const select = sequentialRow(scenario, `select * ${size.label}`, size.selectMs);
    rows.push(draft, select);
    const medianRatio = draft.latencyMs.p50 / select.latencyMs.p50;
    const p90Ratio = p90(size.draftMs) / p90(size.selectMs);
    const bytes = Buffer.byteLength(size.markdown);
    const key = keyTimelineOf(size.markdown);
    const checks: TargetCheck[] = [
      {
        target: `draft ≤ ${draftingTargets.rawRatio}× a raw SELECT * of the incident's ${size.seeded.entries.toLocaleString('en')} rows (median and p90)`,
        measured: `median ${fixed(draft.latencyMs.p50)} ÷ ${fixed(select.latencyMs.p50)} ms = ${fixed(medianRatio, 2)}×, p90 ${fixed(p90(size.draftMs))} ÷ ${fixed(p90(size.selectMs))} ms = ${fixed(p90Ratio, 2)}×`,
        pass: medianRatio <= draftingTargets.rawRatio && p90Ratio <= draftingTargets.rawRatio,
      },
      {
        target: 'document within Slack’s canvas limit (1 MiB)',
        measured: `${bytes.toLocaleString('en')} bytes (${fixed((100 * bytes) / draftingTargets.canvasBytes, 2)} % of 1 MiB)`,
        pass: bytes <= draftingTargets.canvasBytes,
      },
      {
        target: 'a long key timeline is cut, ending with the pointer to the full timeline export',
        measured: `${key.lines} key moments shown; ${key.pointer ? `“${key.pointer.trim()}”` : 'no pointer line'}`,
        pass: key.pointer !== undefined,
      },
    ];
    comparisons.push({
      scenario: `${scenario} ${size.label} entries`,
      concurrency: 1,
      subject: draft.target,
      baseline: select.target,
      p50Ratio: medianRatio,
      p99Ratio: draft.latencyMs.p99 / select.latencyMs.p99,
      checks,
    });
    if (size.selectedRows !== size.seeded.entries)
      problems.push(
        `${size.label}: the raw select returned ${size.selectedRows} rows of ${size.seeded.entries} seeded`,
      );
    if (key.lines === 0) problems.push(`${size.label}: the drafted document has no key timeline`);
    sanity[`${size.label}: incident / entries by kind`] = `${size.seeded.id} / ${Object.entries(size.seeded.byKind)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}`;
    // The same seed drafts the same document whatever the query plans: compare this across runs and databases.
    sanity[`${size.label}: document sha256 (first 12)`] = createHash('sha256')
      .update(size.markdown)
      .digest('hex')
      .slice(0, 12);
    sanity[`${size.label}: draft p50 / p90 / max ms; select * p50 / p90 / max ms`] =
      `${fixed(draft.latencyMs.p50)} / ${fixed(p90(size.draftMs))} / ${fixed(draft.latencyMs.max)}; ${fixed(select.latencyMs.p50)} / ${fixed(p90(size.selectMs))} / ${fixed(select.latencyMs.max)}`;
    sanity[`${size.label}: peak above start while drafting, heap+external / RSS MB`] =
      `${fixed(size.draftPeak.heapMb)} / ${fixed(size.draftPeak.rssMb)} (RSS ${size.draftPeak.exactRss ? 'from the kernel’s high-water mark' : 'sampled'}; ${size.draftPeak.collections} collections seen mid-draft)`;
    sanity[`${size.label}: the same while selecting every row (for contrast), heap+external / RSS MB`] =
      `${fixed(size.selectPeak.heapMb)} / ${fixed(size.selectPeak.rssMb)}`;
  }
  const [small, large] = [sizes[0], sizes.at(-1)];
  if (small && large && small !== large) {
    const heap = large.draftPeak.heapMb - small.draftPeak.heapMb;
    const rss = large.draftPeak.rssMb - small.draftPeak.rssMb;
    const limit = draftingTargets.extraMemoryMb;
    const caveat = canCollectGarbage ? '' : ' (no --expose-gc: includes earlier garbage)';
    comparisons.at(-1)?.checks.push(
      {
        target: `peak heap+external while drafting ${large.label} ≤ ${limit} MB above ${small.label}`,
        measured: `${fixed(large.draftPeak.heapMb)} − ${fixed(small.draftPeak.heapMb)} = ${fixed(heap)} MB${caveat}`,
        pass: heap <= limit,
      },
      {
        target: `peak RSS while drafting ${large.label} ≤ ${limit} MB above ${small.label}`,
        measured: `${fixed(large.draftPeak.rssMb)} − ${fixed(small.draftPeak.rssMb)} = ${fixed(rss)} MB${caveat}`,
        pass: rss <= limit,
      },
    );
  }
  sanity['seeding (multi-row INSERT … FROM jsonb_to_recordset, then ANALYZE) ms'] = fixed(seedMs, 0);
  sanity['raw select via'] = rawLabel;
  sanity['full garbage collection before every measurement'] = canCollectGarbage;
  return { name: scenario, rows, comparisons, sanity, problems };
}
