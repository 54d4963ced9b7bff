import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCheckedYaml } from '../config/checked-yaml.ts';
import type { FirebreakConfig } from '../config/firebreak-config.ts';
import { type Runbook, runbookSchemaFor } from './runbook.ts';

export class RunbookError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid runbooks:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RunbookError';
  }
}

export const defaultRunbooksDir = fileURLToPath(new URL('../../templates/runbooks', import.meta.url));

type SeveritiesOf = Pick<FirebreakConfig, 'severities'>;

/**
 * Loads every `*.yml` runbook of a folder, checked against the configuration's severities; any problem
 * fails start-up with file, line and field.
 */
export async function loadRunbooks(config: SeveritiesOf, dir = defaultRunbooksDir): Promise<Runbook[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yml') || n.endsWith('.yaml')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const problems: string[] = [];
  const runbooks: Runbook[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      runbooks.push(parseRunbookText(await readFile(file, 'utf8'), file, config));
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      problems.push(...error.problems);
    }
  }
  const seen = new Set<string>();
  for (const runbook of runbooks) {
    if (seen.has(runbook.name)) problems.push(`${dir}: two runbooks are named "${runbook.name}"`);
    seen.add(runbook.name);
  }
  if (problems.length > 0) throw new RunbookError(problems);
  return runbooks;
}

/** Parses one runbook against the configuration's severities; `file` is only used in messages. */
export function parseRunbookText(text: string, file: string, config: SeveritiesOf): Runbook {
  const checked = parseCheckedYaml(text, file, runbookSchemaFor(config.severities.map((severity) => severity.name)));
  if (checked.ok) return checked.value;
  throw new RunbookError(checked.problems);
}
