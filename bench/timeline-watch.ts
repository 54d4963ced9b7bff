import { performance } from 'node:perf_hooks';
import type { RawSql } from './raw-sql.ts';

/** Options of {@link TimelineWatch}. */
export type TimelineWatchOptions = {
  raw: RawSql;
  teamId: string;
  incidentId: number;
  /** The messages being sent: Slack ts → index into `sentAtMs`. */
  indexByTs: ReadonlyMap<string, number>;
  /** `performance.now()` at send, by index; NaN until sent. The sender fills it while the watch runs, in index order. */
  sentAtMs: Float64Array;
  /** Only rows with a larger id can be new (e.g. the table's max id before the first send). */
  startAfterId: number;
  /** Pause between the end of one poll and the start of the next. */
  intervalMs: number;
  /** Most polls read only ids above (largest id seen − `tailIds`): cheap, and wide enough for rows committed a little out of order. */
  tailIds: number;
  /** Every this many polls, one reads everything above the safe floor (see the class comment). */
  fullScanEvery: number;
};

type Row = { id: number | string | bigint; slack_ts: string | null; created_at: Date | string };

/**
 * Polls `timeline_entries` for the incident's `message` rows and notes, per sent message, when its row was
 * first seen (`performance.now()` when the poll that returned it came back: an upper bound, late by at most
 * one poll interval plus one query).
 *
 * Rows do not commit in id order (ten connections insert at once), so "id > last id seen" would skip a row
 * whose transaction was still open. Each poll therefore reads from a floor that is provably safe: the
 * largest id seen by a poll that had *returned* before the oldest still-missing message was sent. Every
 * id in that poll's snapshot was drawn from the sequence before that send, so the missing row's id,
 * drawn after it, is larger. Rows read twice are recognized by id.
 *
 * When rows pile up unstored, that floor lags far behind (by latency × rate rows), and reading the whole
 * window 100 times a second would load the database and this process and skew what is measured. So
 * most polls read only the tail (the last `tailIds` ids and above) and every `fullScanEvery`-th poll reads
 * from the safe floor; rows that only a full scan found are counted in `foundByFullScan` (their time
 * is late by up to `fullScanEvery` polls: if that count is not small, widen `tailIds`).
 */
export class TimelineWatch {
  /** When each message's row was first seen (`performance.now()`), NaN while it is missing. */
  readonly storedAtMs: Float64Array;
  /** Its `created_at` (database clock, epoch ms), NaN while missing. */
  readonly createdAtMs: Float64Array;
  /** Messages whose row has been seen. */
  stored = 0;
  /** Extra rows for a message already seen (another id with the same ts): should stay 0. */
  doubles = 0;
  /** `message` rows of the incident whose ts the bench never sent: should stay 0. */
  unexpected = 0;
  polls = 0;
  rowsRead = 0;
  /** Rows first seen by a full scan, below the tail window: seen late, so they should be few. */
  foundByFullScan = 0;
  /** Time from sending a poll to its rows, summed and worst: how late a row can be seen after it committed. */
  pollMsTotal = 0;
  pollMsMax = 0;
  /** `performance.now()` when the first poll was sent and the last one came back (mean spacing = span ÷ polls). */
  firstPollAtMs = Number.NaN;
  lastPollAtMs = Number.NaN;
  /** Polls that failed (their error is kept in `pollErrors`); the watch keeps going. */
  readonly pollErrors: string[] = [];

  private readonly idOf: Float64Array;
  private readonly unexpectedIds = new Set<number>();
  private readonly history: Array<{ endMs: number; maxId: number }> = [];
  private historyAt = 0;
  private lowestMissing = 0;
  private maxId: number;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: TimelineWatchOptions) {
    const n = options.sentAtMs.length;
    this.storedAtMs = new Float64Array(n).fill(Number.NaN);
    this.createdAtMs = new Float64Array(n).fill(Number.NaN);
    this.idOf = new Float64Array(n).fill(Number.NaN);
    this.maxId = options.startAfterId;
  }

  /** Starts polling (until {@link stop}). */
  start(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        await this.poll((this.polls + 1) % this.options.fullScanEvery === 0);
        await new Promise((resolve) => setTimeout(resolve, this.options.intervalMs));
      }
    })();
  }

  /** Stops polling after one last full poll, so every row stored up to now is counted. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.poll(true);
  }

  /** The latest time a row was first seen, or NaN when none was. */
  lastStoredAtMs(): number {
    let last = Number.NaN;
    for (const at of this.storedAtMs) if (!Number.isNaN(at) && !(at <= last)) last = at;
    return last;
  }

  private floor(): number {
    const sent = this.options.sentAtMs;
    while (this.lowestMissing < sent.length && !Number.isNaN(this.storedAtMs[this.lowestMissing]!))
      this.lowestMissing++;
    // Not yet sent (NaN) or nothing missing: every poll so far returned before that send.
    const oldestMissingSentAt = this.lowestMissing < sent.length ? sent[this.lowestMissing]! : Number.POSITIVE_INFINITY;
    const safeBefore = Number.isNaN(oldestMissingSentAt) ? Number.POSITIVE_INFINITY : oldestMissingSentAt;
    while (this.historyAt + 1 < this.history.length && this.history[this.historyAt + 1]!.endMs < safeBefore)
      this.historyAt++;
    const entry = this.history[this.historyAt];
    return entry && entry.endMs < safeBefore ? entry.maxId : this.options.startAfterId;
  }

  private async poll(full: boolean): Promise<void> {
    const { raw, teamId, incidentId, indexByTs } = this.options;
    const safe = this.floor();
    const tail = this.maxId - this.options.tailIds;
    const from = full || tail < safe ? safe : tail;
    let rows: Row[];
    const startedAt = performance.now();
    if (Number.isNaN(this.firstPollAtMs)) this.firstPollAtMs = startedAt;
    try {
      rows = await raw.query<Row>(
        `SELECT id, slack_ts, created_at FROM timeline_entries
          WHERE team_id = $1 AND incident_id = $2 AND kind = 'message' AND id > $3 ORDER BY id`,
        [teamId, incidentId, from],
      );
    } catch (error) {
      if (this.pollErrors.length < 5) this.pollErrors.push(error instanceof Error ? error.message : String(error));
      return;
    }
    const seenAt = performance.now();
    this.polls++;
    this.lastPollAtMs = seenAt;
    this.rowsRead += rows.length;
    this.pollMsTotal += seenAt - startedAt;
    this.pollMsMax = Math.max(this.pollMsMax, seenAt - startedAt);
    for (const row of rows) {
      const id = Number(row.id);
      if (id > this.maxId) this.maxId = id;
      const index = row.slack_ts === null ? undefined : indexByTs.get(row.slack_ts);
      if (index === undefined) {
        if (!this.unexpectedIds.has(id)) {
          this.unexpectedIds.add(id);
          this.unexpected++;
        }
      } else if (Number.isNaN(this.idOf[index]!)) {
        this.idOf[index] = id;
        if (full && id <= tail) this.foundByFullScan++;
        this.storedAtMs[index] = seenAt;
        this.createdAtMs[index] = new Date(row.created_at).getTime();
        this.stored++;
      } else if (this.idOf[index] !== id && !this.unexpectedIds.has(id)) {
        this.unexpectedIds.add(id);
        this.doubles++;
      }
    }
    this.history.push({ endMs: seenAt, maxId: this.maxId });
  }
}
