type Pending<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

export type GroupCommitOptions<Item = unknown> = {
  /** Most items in one write. */
  maxBatch?: number;
  /** Writes in flight at once: while one commits, the next batch is already on its way (one per connection). */
  concurrency?: number;
  /**
   * Whether a failed batch of several items is written again one item at a time (default: always), so
   * an item the database refuses fails alone. Say no for failures no item causes (the database is down):
   * writing each again alone would only repeat the failure once per item.
   */
  isolateAfter?: (error: unknown) => boolean;
  /** Told once per failed batch, with the error and the batch (to log ids, never contents). */
  onBatchFailed?: (error: unknown, items: Item[]) => void;
};

/**
 * Group commit: items submitted while writes are in flight are written together by the next one, so
 * under load many share one statement and one commit, and a burst cannot queue more writes than
 * `concurrency`. An idle writer writes in the same turn of the event loop: no timer, no added delay.
 * One item cannot fail another: when a batch fails, each of its items is written again on its own.
 */
export class GroupCommit<Item, Result> {
  private queue: Array<Pending<Item, Result>> = [];
  private running = 0;
  private whenIdle: Array<() => void> = [];
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private readonly isolateAfter: (error: unknown) => boolean;
  private readonly onBatchFailed: ((error: unknown, items: Item[]) => void) | undefined;

  /** `write` gets a batch and returns one result per item, in order; if it throws, the batch is retried item by item. */
  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    options: GroupCommitOptions<Item> = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.concurrency = options.concurrency ?? 1;
    this.isolateAfter = options.isolateAfter ?? (() => true);
    this.onBatchFailed = options.onBatchFailed;
  }

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running < this.concurrency) {
        this.running += 1;
        void this.writeUntilEmpty();
      }
    });
  }

  /** Waits until every submitted item is written. */
  drain(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.whenIdle.push(resolve));
  }

  private async writeUntilEmpty(): Promise<void> {
    // Start once the event loop has read what arrived with the first item: requests read in the same
    // turn share its batch. On embedded PGlite a write runs at once and nothing joins it while in
    // flight, so this is the only grouping there.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.writeBatch(batch);
    }
    // In the same synchronous step as the empty check: an item submitted from now on starts a writer.
    this.running -= 1;
    if (this.running === 0) for (const resolve of this.whenIdle.splice(0)) resolve();
  }

  private async writeBatch(batch: Array<Pending<Item, Result>>): Promise<void> {
    try {
      const results = await this.write(batch.map((pending) => pending.item));
      for (const [index, pending] of batch.entries()) pending.resolve(results[index] as Result);
      return;
    } catch (error) {
      this.onBatchFailed?.(
        error,
        batch.map((pending) => pending.item),
      );
      if (batch.length === 1 || !this.isolateAfter(error)) {
        for (const pending of batch) pending.reject(error);
        return;
      }
    }
    // At once, in this writer's turn: the good items are stored before anything queued after them.
    await Promise.all(
      batch.map(async (pending) => {
        try {
          const [result] = await this.write([pending.item]);
          pending.resolve(result as Result);
        } catch (error) {
          pending.reject(error);
        }
      }),
    );
  }
}
