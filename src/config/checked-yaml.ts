import { type Document, isMap, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { nearestWord } from './nearest-word.ts';

export type CheckedYaml<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * Parses YAML and checks it with a zod schema; every problem reads `file:line: field: what is wrong`
 * (syntax errors included), so a person can fix a config or template file without guessing.
 */
export function parseCheckedYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  withDefaults: (raw: unknown) => unknown = (raw) => raw,
): CheckedYaml<z.output<S>> {
  const lineCounter = new LineCounter();
  // Warnings (e.g. a map used as a key) would go to stderr as Node warnings; the schema names such keys instead.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, logLevel: 'error' });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map(
        (error) => `${file}${lineSuffix(error.linePos?.[0]?.line)}: YAML syntax error: ${error.message.split('\n')[0]}`,
      ),
    };
  }
  const values = documentValues(document, lineCounter, file);
  if (!values.ok) return { ok: false, problems: [values.problem] };
  const raw = values.value;
  const result = schema.safeParse(withDefaults(raw ?? {}));
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.flatMap((issue) => {
      const path = issue.path.map(String);
      const at = (where: string[]) => `${file}${lineSuffix(lineOf(document.contents, where, lineCounter))}`;
      if (issue.code === 'unrecognized_keys') {
        const known = knownKeysAt(schema, path);
        return issue.keys.map((key) => `${at([...path, key])}: ${[...path, key].join('.')}: ${unknownKey(key, known)}`);
      }
      const field = path.length > 0 ? path.join('.') : '(top level)';
      return [`${at(path)}: ${field}: ${issue.message}`];
    }),
  };
}

/**
 * The parsed document as plain values. An alias with no anchor before it (`key: *a`) is not a parse
 * error: yaml throws a ReferenceError only when the document becomes values (so does an alias bomb),
 * and that must read like any YAML mistake, with file and line.
 */
export function documentValues(
  document: Document,
  lineCounter: LineCounter,
  file: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: document.toJS() };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ok: false,
      problem: `${file}${lineSuffix(unresolvedAliasLine(document, lineCounter))}: YAML error: ${message}`,
    };
  }
}

/** The line of the first alias that names no earlier anchor, if any. */
function unresolvedAliasLine(document: Document, lineCounter: LineCounter): number | undefined {
  let line: number | undefined;
  visit(document, {
    Alias(_key, node) {
      if (node.resolve(document) || !node.range) return undefined;
      line = lineCounter.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

function lineSuffix(line: number | undefined): string {
  return line ? `:${line}` : '';
}

/** The line of the deepest node that exists along a path, so a missing key points at its parent. */
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

function unknownKey(key: string, known: string[]): string {
  const suggestion = nearestWord(key, known);
  if (suggestion) return `is not a known key; did you mean "${suggestion}"?`;
  return `is not a known key (known keys: ${known.join(', ')})`;
}

type SchemaDef = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
};

/** The keys an object schema accepts at a path of the parsed value (empty when no object is there). */
function knownKeysAt(schema: z.ZodType, path: string[]): string[] {
  const def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  if (def.innerType) return knownKeysAt(def.innerType, path);
  if (def.in) return knownKeysAt(def.in, path);
  if (def.options) return [...new Set(def.options.flatMap((option) => knownKeysAt(option, path)))];
  if (def.type === 'object' && def.shape) {
    const [head, ...rest] = path;
    if (head === undefined) return Object.keys(def.shape);
    const child = def.shape[head];
    return child ? knownKeysAt(child, rest) : [];
  }
  const items = def.element ?? def.valueType;
  if (items && path.length > 0) return knownKeysAt(items, path.slice(1));
  return [];
}
