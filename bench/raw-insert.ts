import { performance } from 'node:perf_hooks';
import type { RawSql } from './raw-sql.ts';

/** The scratch table of the baseline: the same columns, defaults and indexes as `timeline_entries`. */
export const rawTable = 'bench_raw_timeline';

/** One timeline row as captureMessage writes it for a plain message (no redaction, no thread, no files). */
export type TimelineRowValues = {
  teamId: string;
  incidentId: number;
  channelId: string;
  ts: string;
  userId: string;
  text: string;
};

/** What a closed loop of inserts measured. */
export type InsertBatch = {
  /** Send → statement resolved, per row, in ms (failed ones too). */
  latenciesMs: number[];
  wallMs: number;
  /** Rows the database reported inserted (RETURNING id): should equal the number sent. */
  inserted: number;
  errors: Record<string, number>;
  errorSamples: string[];
};

/**
 * Creates the scratch table (empty) next to `timeline_entries`. Its id default is the same
 * `nextval('timeline_entries_id_seq')`: the baseline draws ids from Firebreak's sequence (harmless; it
 * runs while Firebreak is idle), and dropping the table leaves the sequence alone.
 */
export async function createRawTable(raw: RawSql): Promise<void> {
  await raw.query(`DROP TABLE IF EXISTS ${rawTable}`, []);
  await raw.query(`CREATE TABLE ${rawTable} (LIKE timeline_entries INCLUDING ALL)`, []);
}

/** Drops the scratch table. */
export async function dropRawTable(raw: RawSql): Promise<void> {
  await raw.query(`DROP TABLE IF EXISTS ${rawTable}`, []);
}

// The statement Firebreak's appendTimelineEntries sends for one entry, minus drizzle: same columns, same conflict rule.
const insertText = `INSERT INTO ${rawTable} (team_id, incident_id, kind, occurred_at, slack_ts, actor_id, text, data, source_key)
  VALUES ($1, $2, 'message', $3::timestamptz, $4, $5, $6, $7::jsonb, $8)
  ON CONFLICT (team_id, source_key) DO NOTHING RETURNING id`;

function insertParams(row: TimelineRowValues): unknown[] {
  const occurredAt = new Date(Math.round(Number(row.ts) * 1000)).toISOString();
  const data = JSON.stringify({ channelId: row.channelId, eventTs: row.ts, mentions: [] });
  return [row.teamId, row.incidentId, occurredAt, row.ts, row.userId, row.text, data, `msg:${row.channelId}:${row.ts}`];
}

/** Inserts `rows` one per statement with `concurrency` statements in flight (a closed loop), timing each. */
export async function insertRawRows(
  raw: RawSql,
  rows: readonly TimelineRowValues[],
  concurrency: number,
): Promise<InsertBatch> {
  const latenciesMs: number[] = new Array(rows.length);
  const errors: Record<string, number> = {};
  const errorSamples: string[] = [];
  let inserted = 0;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const row = rows[index];
      if (!row) return;
      const started = performance.now();
      try {
        const returned = await raw.query<{ id: unknown }>(insertText, insertParams(row));
        inserted += returned.length;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        errors[reason] = (errors[reason] ?? 0) + 1;
        if (errorSamples.length < 5) errorSamples.push(reason);
      }
      latenciesMs[index] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return { latenciesMs, wallMs: performance.now() - started, inserted, errors, errorSamples };
}
