type Pending<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

/**
 * Group commit: items submitted while a write is in flight are written together by the next one, so
 * under load many share one statement and one commit, and a burst cannot queue more writes than there
 * are batches. An idle writer writes at once: no timer, no added delay.
 */
export class GroupCommit<Item, Result> {
  private queue: Array<Pending<Item, Result>> = [];
  private flushing: Promise<void> | undefined;

  /** `write` gets a batch and returns one result per item, in order; if it throws, every item of the batch fails. */
  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  /** Items waiting or being written (for metrics and back-pressure). */
  get pending(): number {
    return this.queue.length;
  }

  /** Waits until every submitted item is written. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((pending) => pending.item));
        for (const [index, pending] of batch.entries()) pending.resolve(results[index] as Result);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.flushing = undefined;
  }
}
