import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Liquid, type Template } from 'liquidjs';
import { LineCounter, parseDocument } from 'yaml';
import { documentValues } from '../config/checked-yaml.ts';

/** Escapes the three characters Slack's mrkdwn treats as markup, so user text cannot ping or link. */
export function escapeMrkdwn(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export type Copy = {
  /** Renders the message `key` with user-supplied values escaped; use `| raw` in a template for trusted markup. */
  render(key: string, values?: Record<string, unknown>): string;
};

export class TemplateError extends Error {}

export const defaultCopyPath = fileURLToPath(new URL('../../templates/messages.yml', import.meta.url));

/** Loads and compiles every message template; a broken one fails with file, line and key. */
export async function loadCopy(path = defaultCopyPath): Promise<Copy> {
  const text = await readFile(path, 'utf8');
  return compileCopy(text, path);
}

export function compileCopy(text: string, file: string): Copy {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, logLevel: 'error' });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    throw new TemplateError(
      `${file}:${error?.linePos?.[0]?.line ?? '?'}: YAML syntax error: ${error?.message.split('\n')[0]}`,
    );
  }
  const engine = new Liquid({ outputEscape: escapeMrkdwn, strictFilters: true, strictVariables: false });
  const templates = new Map<string, Template[]>();
  const values = documentValues(document, lineCounter, file);
  if (!values.ok) throw new TemplateError(values.problem);
  const top = values.value ?? {};
  if (typeof top !== 'object' || Array.isArray(top))
    throw new TemplateError(`${file}: must be a map of message keys to templates`);
  const entries = flatten(top as Record<string, unknown>, file);
  for (const [key, source] of entries) {
    try {
      templates.set(key, engine.parse(source));
    } catch (error) {
      const node = document.getIn(key.split('.'), true) as { range?: [number] } | undefined;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : '?';
      throw new TemplateError(`${file}:${line}: template "${key}": ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return {
    render(key, values = {}) {
      const template = templates.get(key);
      if (!template) throw new TemplateError(`${file}: no template "${key}"`);
      return (engine.renderSync(template, values) as string).trim();
    },
  };
}

function flatten(object: Record<string, unknown>, file: string, prefix = ''): Array<[string, string]> {
  return Object.entries(object).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') return [[path, value]] as Array<[string, string]>;
    if (value && typeof value === 'object') return flatten(value as Record<string, unknown>, file, path);
    throw new TemplateError(`${file}: template "${path}" must be text`);
  });
}
