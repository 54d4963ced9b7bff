/**
 * The shortcuts of an app manifest (`features.shortcuts`), read from manifest.json or manifest.yml so a
 * person can run them by name. The YAML reading covers the plain list Slack's manifest uses (the package
 * has no YAML dependency); anything fancier: use the JSON manifest.
 */
import { readFileSync } from 'node:fs';
import type { ShortcutDefinition } from './emulator.ts';

function unquote(value: string): string {
  const trimmed = value.replace(/\s+#.*$/, '').trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/** `features.shortcuts` of a YAML manifest's text. */
export function shortcutsFromYaml(text: string): ShortcutDefinition[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\s*shortcuts:\s*$/.test(line));
  if (start < 0) return [];
  const indent = /^\s*/.exec(lines[start] as string)?.[0].length ?? 0;
  const shortcuts: Array<Partial<ShortcutDefinition>> = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if ((/^\s*/.exec(line)?.[0].length ?? 0) <= indent) break;
    const item = /^\s*(- )?\s*(\w+):\s*(.*)$/.exec(line);
    if (!item) continue;
    if (item[1]) shortcuts.push({});
    const current = shortcuts.at(-1);
    if (current) (current as Record<string, string>)[item[2] as string] = unquote(item[3] ?? '');
  }
  return shortcuts.filter((s): s is ShortcutDefinition => Boolean(s.name && s.callback_id && s.type));
}

/** The shortcuts of the manifest file at `path` (.json or .yml/.yaml). */
export function readManifestShortcuts(path: string): ShortcutDefinition[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    const manifest = JSON.parse(text) as { features?: { shortcuts?: ShortcutDefinition[] } };
    return manifest.features?.shortcuts ?? [];
  }
  return shortcutsFromYaml(text);
}
