import type { ChaosResult } from './scenario.ts';

/** A compact, aligned report: one block of figures per scenario, then its problems or "passed". */
export function formatReport(results: ChaosResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.name}:`);
    const width = Math.max(...result.figures.map(([label]) => label.length));
    for (const [label, value] of result.figures) lines.push(`  ${label.padEnd(width)}  ${String(value).padStart(8)}`);
    if (result.problems.length === 0) lines.push(`  passed: ${result.passed ?? 'nothing lost, nothing doubled'}`);
    else for (const problem of result.problems) lines.push(`  FAILED: ${problem}`);
  }
  return lines.join('\n');
}
