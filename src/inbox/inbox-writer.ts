import type { Logger } from 'pino';
import type { Db } from '../platform/db.ts';
import { describeDbFailure, isDatabaseDown } from '../platform/db-errors.ts';
import { GroupCommit } from '../platform/group-commit.ts';
import { insertInboxRows, markInboxRowsHandled, type NewInboxRow } from './inbox-repo.ts';

/** How often a "handled" mark the database could not take (it was down) is tried again. */
const markRetryMs = 500;

/**
 * Group commit for the inbox: requests arriving while a write is in flight are stored together by the
 * next one, so under load many requests share one statement and one commit. An idle writer writes at
 * once (no added delay). Marking requests handled is batched the same way, off the acknowledgement path.
 * A batch the database refuses is written again row by row, so one bad request fails only itself.
 */
export class InboxWriter {
  private readonly inserts: GroupCommit<NewInboxRow, number | undefined>;
  private readonly marks: GroupCommit<number, undefined>;
  private readonly leaseSeconds: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    options: { maxBatch?: number; leaseSeconds?: number } = {},
  ) {
    const maxBatch = options.maxBatch ?? 500;
    const leaseSeconds = options.leaseSeconds ?? 30;
    this.leaseSeconds = leaseSeconds;
    // Two writes in flight (one per connection of the inbox pool): a slow commit holds up only its own batch.
    this.inserts = new GroupCommit((rows) => this.storeBatch(rows, leaseSeconds), {
      maxBatch,
      concurrency: 2,
      isolateAfter: (error) => !isDatabaseDown(error),
      onBatchFailed: (error, rows) =>
        this.logger.warn(
          {
            cause: describeDbFailure(error),
            count: rows.length,
            dedupeKeys: rows.slice(0, 20).map((row) => row.dedupeKey),
          },
          'inbox: batched store failed',
        ),
    });
    this.marks = new GroupCommit((ids) => this.markBatch(ids), { maxBatch });
  }

  /** Stores a request; resolves to its id, or undefined when its key was already stored (a retry). */
  insert(row: NewInboxRow): Promise<number | undefined> {
    return this.inserts.submit(row);
  }

  /** Records that a request was fully handled; resolves once the mark is stored (or its failure logged). */
  markHandled(id: number): Promise<void> {
    return this.marks.submit(id);
  }

  /** Waits for every queued write (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([this.inserts.drain(), this.marks.drain()]);
  }

  private async storeBatch(rows: NewInboxRow[], leaseSeconds: number): Promise<Array<number | undefined>> {
    const stored = await insertInboxRows(this.db, rows, { leaseSeconds });
    // Only the first of identical keys in a batch is new; the rest are duplicates, like retries.
    const claimed = new Set<string>();
    return rows.map((row) => {
      const key = `${row.teamId}\u0000${row.dedupeKey}`;
      const id = claimed.has(key) ? undefined : stored.get(key);
      claimed.add(key);
      return id;
    });
  }

  private async markBatch(ids: number[]): Promise<undefined[]> {
    // A request handled just before the database went away must not be replayed once it is back (its person
    // would be answered a second time): while the database is down, the mark is tried again for a lease's length.
    const giveUpAt = Date.now() + this.leaseSeconds * 1000;
    for (;;) {
      try {
        await markInboxRowsHandled(this.db, ids);
        break;
      } catch (error) {
        if (isDatabaseDown(error) && Date.now() + markRetryMs < giveUpAt) {
          await new Promise((resolve) => setTimeout(resolve, markRetryMs));
          continue;
        }
        // Unmarked rows are replayed once their lease ends; handling is idempotent, so nothing is doubled.
        this.logger.error(
          { cause: describeDbFailure(error), count: ids.length, inboxIds: ids.slice(0, 20) },
          'inbox: cannot mark requests handled',
        );
        break;
      }
    }
    return ids.map(() => undefined);
  }
}
