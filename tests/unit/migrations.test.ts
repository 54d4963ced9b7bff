import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';

// drizzle-kit writes db/migrations from the tables in src/**/*.sql.ts. A table file it does not read (or
// a change nobody generated a migration for) would otherwise show up only as a DROP in the next one.
function tableFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tableFiles(path) : path.endsWith('.sql.ts') ? [path] : [];
  });
}

async function codeTables(): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const file of tableFiles(resolve('src'))) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (is(value, PgTable))
        tables[`public.${getTableName(value)}`] = Object.values(getTableColumns(value))
          .map((c) => c.name)
          .sort();
    }
  }
  return tables;
}

function latestSnapshot(): Record<string, string[]> {
  const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as {
    entries: Array<{ idx: number }>;
  };
  const last = String(journal.entries.at(-1)?.idx).padStart(4, '0');
  const snapshot = JSON.parse(readFileSync(`db/migrations/meta/${last}_snapshot.json`, 'utf8')) as {
    tables: Record<string, { columns: Record<string, unknown> }>;
  };
  return Object.fromEntries(
    Object.entries(snapshot.tables).map(([name, table]) => [name, Object.keys(table.columns).sort()]),
  );
}

describe('db/migrations', () => {
  it('has every table and column that src/**/*.sql.ts declares, and no other', async () => {
    expect(await codeTables()).toEqual(latestSnapshot());
  });

  it('is generated from every table file (drizzle-kit reads *.sql.ts at any depth)', () => {
    expect(readFileSync('drizzle.config.ts', 'utf8')).toContain("schema: './src/**/*.sql.ts'");
  });
});
