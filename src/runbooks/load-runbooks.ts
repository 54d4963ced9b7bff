import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type Runbook, runbookSchema } from './runbook.ts';

export class RunbookError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid runbooks:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RunbookError';
  }
}

export const defaultRunbooksDir = fileURLToPath(new URL('../../templates/runbooks', import.meta.url));

/** Loads every `*.yml` runbook of a folder; any problem fails start-up with file, line and field. */
export async function loadRunbooks(dir = defaultRunbooksDir): Promise<Runbook[]> {
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
      runbooks.push(parseRunbookText(await readFile(file, 'utf8'), file));
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

/** Parses one runbook; `file` is only used in messages. */
export function parseRunbookText(text: string, file: string): Runbook {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new RunbookError(document.errors.map((e) => `${file}${e.linePos?.[0]?.line ? `:${e.linePos[0].line}` : ''}: YAML syntax error: ${e.message.split('\n')[0]}`));
  }
  const result = runbookSchema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  throw new RunbookError(
    result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      const line = lineOf(document.contents, path, lineCounter);
      return `${file}${line ? `:${line}` : ''}: ${path.length > 0 ? path.join('.') : '(top level)'}: ${issue.message}`;
    }),
  );
}

// The deepest node that exists along the path, so a missing key points at its parent.
function lineOf(root: unknown, path: string[], lineCounter: LineCounter): number | undefined {
  let node = root as Node | null | undefined;
  let line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value ?? item.key) === key);
      if (!pair) break;
      const keyNode = pair.key as Node | undefined;
      if (keyNode?.range) line = lineCounter.linePos(keyNode.range[0]).line;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      node = node.items[Number(key)] as Node | null;
      if (node?.range) line = lineCounter.linePos(node.range[0]).line;
    } else break;
  }
  return line;
}
