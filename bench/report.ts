import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';
import type { Comparison, ResultRow, ScenarioResult } from './scenario.ts';

/** Everything one `npm run bench` measured, as written to bench/results/latest.json. */
export type BenchReport = {
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  database: string;
  scenarios: ScenarioResult[];
  /** Failed requests (measured and untimed) plus scenario problems: non-zero makes the bench exit 1. */
  failures: number;
};

/** The machine the figures come from. */
export function describeMachine(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? '?',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Counts failed requests and problems across all scenarios. */
export function countFailures(scenarios: readonly ScenarioResult[]): number {
  return scenarios.reduce(
    (sum, s) => sum + s.problems.length + s.rows.reduce((rowSum, r) => rowSum + r.errors + r.untimedErrors, 0),
    0,
  );
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** The report as plain text: the results table, the targets with PASS/FAIL, sanity checks and failures. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  const { machine } = report;
  lines.push(`Firebreak bench — ${report.startedAt}`);
  lines.push(`machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}`);
  lines.push(`database: ${report.database}`);
  lines.push('');
  const header = [
    'scenario',
    'target',
    'n',
    'conc',
    'p50 ms',
    'p99 ms',
    'max ms',
    'req/s',
    'errors',
    'p50 ratio',
    'p99 ratio',
  ];
  const table: string[][] = [header];
  for (const scenario of report.scenarios) {
    for (const row of scenario.rows) {
      const comparison = scenario.comparisons.find(
        (c) => c.subject === row.target && c.concurrency === row.concurrency,
      );
      table.push(rowCells(row, comparison));
    }
  }
  lines.push(...alignTable(table, [false, false, true, true, true, true, true, true, true, true, true]));
  lines.push('');
  lines.push('Targets (from the issue; reported, never asserted):');
  for (const scenario of report.scenarios) {
    for (const comparison of scenario.comparisons) {
      for (const check of comparison.checks) {
        lines.push(
          `  ${check.pass ? 'PASS' : 'FAIL'}  ${comparison.scenario} c=${comparison.concurrency}: ${check.target} — measured ${check.measured}`,
        );
      }
    }
  }
  const sane = report.scenarios.filter((s) => Object.keys(s.sanity).length > 0);
  if (sane.length > 0) {
    lines.push('');
    lines.push('Sanity checks:');
    for (const scenario of sane)
      for (const [key, value] of Object.entries(scenario.sanity)) lines.push(`  ${scenario.name}: ${key}: ${value}`);
  }
  lines.push('');
  if (report.failures === 0) lines.push(`No failed requests, no problems. (${report.durationSeconds.toFixed(1)} s)`);
  else {
    lines.push(`FAILURES: ${report.failures}`);
    for (const scenario of report.scenarios) {
      for (const problem of scenario.problems) lines.push(`  ${scenario.name}: ${problem}`);
      for (const row of scenario.rows) {
        if (row.errors + row.untimedErrors === 0) continue;
        lines.push(
          `  ${scenario.name} ${row.target}: ${row.errors} failed of ${row.n} measured, ${row.untimedErrors} failed untimed (warm-up, connection openers) — ${JSON.stringify({ ...row.errorsByReason, ...prefixKeys('untimed ', row.untimedErrorsByReason) })}`,
        );
        for (const sample of row.errorSamples) lines.push(`      e.g. ${sample}`);
      }
    }
  }
  return lines.join('\n');
}

function prefixKeys(prefix: string, record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [prefix + key, value]));
}

function rowCells(row: ResultRow, comparison: Comparison | undefined): string[] {
  const { latencyMs } = row;
  const errors = row.untimedErrors > 0 ? `${row.errors} (+${row.untimedErrors} untimed)` : String(row.errors);
  return [
    row.scenario,
    row.target,
    String(row.n),
    String(row.concurrency),
    ms(latencyMs.p50),
    ms(latencyMs.p99),
    ms(latencyMs.max),
    row.throughputPerSec.toFixed(0),
    errors,
    comparison ? ratio(comparison.p50Ratio) : '',
    comparison ? ratio(comparison.p99Ratio) : '',
  ];
}

function alignTable(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: string[]) =>
    row
      .map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [format(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(format)];
}

/** Writes the report as JSON (bench/results/ is gitignored). */
export async function writeReportJson(path: string, report: BenchReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
