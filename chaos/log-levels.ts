import type { ChildProcess } from 'node:child_process';

/** pino's numeric levels: 40 warn, 50 error, 60 fatal. */
const warnLevel = 40;
const errorLevel = 50;

/** What a Firebreak process logged so far, by severity; a few error lines kept to show in the report. */
export type LogLevelWatch = { warnings(): number; errors(): number; errorSamples(): string[] };

/**
 * Counts the warn- and error-level lines of a Firebreak process's pino JSON on stdout, line by line as
 * they come (nothing kept but the counts and the first few error lines, so a long run stays small).
 * A line that is not JSON is counted as an error: Firebreak logs nothing else to stdout, so it is a crash trace.
 */
export function watchLogLevels(child: ChildProcess, keepSamples = 5): LogLevelWatch {
  let warnings = 0;
  let errors = 0;
  const samples: string[] = [];
  let partial = '';
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    let level: number;
    try {
      level = Number((JSON.parse(line) as { level?: unknown }).level);
    } catch {
      level = errorLevel;
    }
    if (level >= errorLevel) {
      errors++;
      if (samples.length < keepSamples) samples.push(line.slice(0, 600));
    } else if (level >= warnLevel) warnings++;
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  child.stdout?.on('end', () => onLine(partial));
  return { warnings: () => warnings, errors: () => errors, errorSamples: () => [...samples] };
}

/** The resident set size of a live process in MiB, from /proc/<pid>/status (Linux); undefined elsewhere or once gone. */
export async function residentMiB(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 102.4) / 10 : undefined;
}
