import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { defaultConfigInput } from './defaults.ts';
import { type FirebreakConfig, firebreakConfigSchema } from './firebreak-config.ts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads firebreak.yml (or the built-in defaults when no path is given); errors name file, line and field. */
export async function loadConfig(path: string | undefined): Promise<FirebreakConfig> {
  if (!path) return firebreakConfigSchema.parse(defaultConfigInput);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check FIREBREAK_CONFIG`]);
  }
  return parseConfigText(text, path);
}

/** Parses YAML text into a checked config; `file` is only used in messages. */
export function parseConfigText(text: string, file: string): FirebreakConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const line = error.linePos?.[0]?.line;
        return `${file}${line ? `:${line}` : ''}: YAML syntax error: ${error.message.split('\n')[0]}`;
      }),
    );
  }
  const raw = document.toJS() ?? {};
  const input = { ...defaultConfigInput, ...(raw as object) };
  const result = firebreakConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      const line = lineOf(document.contents, path, lineCounter);
      const field = path.length > 0 ? path.join('.') : '(top level)';
      return `${file}${line ? `:${line}` : ''}: ${field}: ${issue.message}`;
    }),
  );
}

/** Finds the line of the deepest node that exists along a path, so a missing key points at its parent. */
function lineOf(root: unknown, path: string[], lineCounter: LineCounter): number | undefined {
  let node = root as Node | null | undefined;
  let line: number | undefined = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value ?? item.key) === key);
      if (!pair) break;
      const keyNode = pair.key as Node | undefined;
      if (keyNode?.range) line = lineCounter.linePos(keyNode.range[0]).line;
      node = pair.value as Node | null;
      if (node?.range && !isMap(node) && !isSeq(node)) line = lineCounter.linePos(node.range[0]).line;
    } else if (isSeq(node)) {
      node = node.items[Number(key)] as Node | null;
      if (node?.range) line = lineCounter.linePos(node.range[0]).line;
    } else break;
  }
  return line;
}
