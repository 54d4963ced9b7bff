import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The shape of src/ (see README, "How it works"): layers that only point down, no import cycles,
 * Slack's SDK only in src/slack, and capabilities reached only through their index.ts.
 */
const root = resolve('src');

// Lower layers first; a folder may import only from folders of a lower rank (or from itself).
const layers: string[][] = [
  ['config'],
  ['platform'],
  ['audit', 'entry-log', 'inbox', 'outbox', 'scheduler', 'follow-ups'],
  ['incidents'],
  ['timeline'],
  ['runbooks'],
  ['updates'],
  ['actions'],
  ['postmortems'],
  ['home', 'insights', 'evidence'],
  ['slack'],
  ['app'],
  ['main.ts', 'migrate.ts'],
];
const rank = new Map(layers.flatMap((names, level) => names.map((name) => [name, level] as const)));
// Folders other code may enter only through index.ts.
const capabilities = new Set([
  'audit',
  'entry-log',
  'inbox',
  'outbox',
  'scheduler',
  'follow-ups',
  'incidents',
  'timeline',
  'roles',
  'runbooks',
  'updates',
  'postmortems',
  'actions',
  'home',
  'insights',
  'evidence',
  'app',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

type Import = { from: string; spec: string; target?: string };
const imports: Import[] = sourceFiles(root).flatMap((file) =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName: spec }) => ({
    from: file,
    spec,
    ...(spec.startsWith('.') ? { target: resolve(dirname(file), spec) } : {}),
  })),
);
const top = (file: string) => relative(root, file).split('/')[0] as string;
const show = (file: string) => relative(root, file);

describe('the import structure of src/', () => {
  it('has a rank for every top-level folder', () => {
    expect(readdirSync(root).filter((name) => !rank.has(name))).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const { from, target } of imports) if (target) graph.set(from, [...(graph.get(from) ?? []), target]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(show).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('imports only downward, from a higher layer to a lower one', () => {
    const upward = imports
      .filter(({ from, target }) => target && top(from) !== top(target))
      .filter(({ from, target }) => (rank.get(top(target as string)) ?? -1) >= (rank.get(top(from)) ?? -1))
      .map(({ from, target }) => `${show(from)} → ${show(target as string)}`);
    expect(upward).toEqual([]);
  });

  it('imports @slack/* only in src/slack', () => {
    const outside = imports
      .filter(({ from, spec }) => spec.startsWith('@slack/') && top(from) !== 'slack')
      .map(({ from, spec }) => `${show(from)} imports ${spec}`);
    expect(outside).toEqual([]);
  });

  it('reaches a capability only through its index.ts', () => {
    const internal = imports
      .filter(({ from, target }) => target && top(from) !== top(target) && capabilities.has(top(target)))
      .filter(({ target }) => relative(root, target as string) !== `${top(target as string)}/index.ts`)
      .map(({ from, target }) => `${show(from)} → ${show(target as string)}`);
    expect(internal).toEqual([]);
  });
});
