import type { Logger } from 'pino';
import type { Db } from '../platform/db.ts';
import { insertInboxRows, markInboxRowsHandled, type NewInboxRow } from './inbox-repo.ts';

type PendingInsert = { row: NewInboxRow; resolve: (id: number | undefined) => void; reject: (error: unknown) => void };

/**
 * Group commit for the inbox: requests arriving while a write is in flight are stored together by the
 * next one, so under load many requests share one statement and one commit. An idle writer writes at
 * once (no added delay). Marking requests handled is batched the same way, off the acknowledgement path.
 */
export class InboxWriter {
  private inserts: PendingInsert[] = [];
  private inserting: Promise<void> | undefined;
  private handled: number[] = [];
  private marking: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly maxBatch = 500,
  ) {}

  /** Stores a request; resolves to its id, or undefined when its key was already stored (a retry). */
  insert(row: NewInboxRow): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      this.inserts.push({ row, resolve, reject });
      if (!this.inserting) this.inserting = this.flushInserts();
    });
  }

  /** Records that a request was fully handled; resolves once the mark is stored. */
  markHandled(id: number): Promise<void> {
    this.handled.push(id);
    if (!this.marking) this.marking = this.flushHandled();
    return this.marking;
  }

  /** Waits for every queued write (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.inserting || this.marking) await Promise.all([this.inserting, this.marking]);
  }

  private async flushInserts(): Promise<void> {
    while (this.inserts.length > 0) {
      const batch = this.inserts.splice(0, this.maxBatch);
      try {
        const stored = await insertInboxRows(
          this.db,
          batch.map((item) => item.row),
        );
        // Only the first of identical keys in a batch is new; the rest are duplicates, like retries.
        const claimed = new Set<string>();
        for (const { row, resolve } of batch) {
          const key = `${row.teamId}\u0000${row.dedupeKey}`;
          resolve(claimed.has(key) ? undefined : stored.get(key));
          claimed.add(key);
        }
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.inserting = undefined;
  }

  private async flushHandled(): Promise<void> {
    // Let the marks of requests finishing in the same tick join this statement.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.handled.length > 0) {
      const ids = this.handled.splice(0, this.maxBatch);
      try {
        await markInboxRowsHandled(this.db, ids);
      } catch (error) {
        // Unmarked rows are replayed after a restart; handling is idempotent, so nothing is doubled.
        this.logger.error({ err: error, count: ids.length }, 'inbox: cannot mark requests handled');
      }
    }
    this.marking = undefined;
  }
}
