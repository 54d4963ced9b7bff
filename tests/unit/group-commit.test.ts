import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/platform/group-commit.ts';

/** A write we finish by hand, to see which items each batch held. */
function controllableWrite() {
  const batches: number[][] = [];
  const finishers: Array<(fail?: Error) => void> = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finishers.push((fail) => (fail ? reject(fail) : resolve(items.map((item) => `stored ${item}`))));
    });
  return { write, batches, finishers };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes items that arrive while a write is in flight together, each answered with its own result', async () => {
    const { write, batches, finishers } = controllableWrite();
    const commits = new GroupCommit(write);
    const first = commits.submit(1);
    await tick();
    const rest = [2, 3, 4].map((item) => commits.submit(item));
    await tick();
    expect(batches).toEqual([[1]]);
    finishers[0]?.();
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finishers[1]?.();
    expect(await first).toBe('stored 1');
    expect(await Promise.all(rest)).toEqual(['stored 2', 'stored 3', 'stored 4']);
  });

  it('keeps at most `concurrency` writes in flight and at most `maxBatch` items in one', async () => {
    const { write, batches, finishers } = controllableWrite();
    const commits = new GroupCommit(write, { concurrency: 2, maxBatch: 3 });
    const results = Array.from({ length: 8 }, (_, item) => commits.submit(item));
    await tick();
    // Both writers start on the next turn and share what is queued by then.
    expect(batches).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    finishers[0]?.();
    await tick();
    expect(batches[2]).toEqual([6, 7]);
    finishers[1]?.();
    finishers[2]?.();
    expect(await Promise.all(results)).toEqual(Array.from({ length: 8 }, (_, item) => `stored ${item}`));
  });

  it('fails every item of a failed batch and goes on with the next', async () => {
    const { write, finishers } = controllableWrite();
    // A failure no item causes (the connection is lost): the batch is not written again item by item.
    const commits = new GroupCommit(write, { isolateAfter: () => false });
    const doomed = [1, 2].map((item) => commits.submit(item).catch((error: Error) => error.message));
    await tick();
    const later = commits.submit(3);
    finishers[0]?.(new Error('connection lost'));
    await tick();
    finishers[1]?.();
    expect(await Promise.all(doomed)).toEqual(['connection lost', 'connection lost']);
    expect(await later).toBe('stored 3');
  });

  it('writes a failed batch again item by item, so only the item the database refuses fails', async () => {
    const attempts: number[][] = [];
    const commits = new GroupCommit<number, string>(async (items) => {
      attempts.push(items);
      if (items.includes(3)) throw new Error('refusing item 3');
      return items.map((item) => `stored ${item}`);
    });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((item) => commits.submit(item).catch((error: Error) => error.message)),
    );
    expect(results).toEqual(['stored 1', 'stored 2', 'refusing item 3', 'stored 4', 'stored 5']);
    // One batch, then each of its items alone, at once: no item waits for a later batch or a Slack retry.
    expect(attempts).toEqual([[1, 2, 3, 4, 5], [1], [2], [3], [4], [5]]);
  });

  it("fails the whole batch without writing it again when the failure is none of its items' doing", async () => {
    let writes = 0;
    const commits = new GroupCommit<number, string>(
      async () => {
        writes += 1;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      { isolateAfter: (error) => (error as { code?: string }).code !== 'ECONNREFUSED' },
    );
    const results = await Promise.all(
      [1, 2, 3].map((item) => commits.submit(item).catch((error: Error) => error.message)),
    );
    expect(results).toEqual(['connect ECONNREFUSED', 'connect ECONNREFUSED', 'connect ECONNREFUSED']);
    expect(writes).toBe(1);
  });

  it('reports each failed batch once, with its items', async () => {
    const reports: Array<{ message: string; items: number[] }> = [];
    const commits = new GroupCommit<number, number>(
      async (items) => {
        if (items.length > 1) throw new Error('batch refused');
        return items;
      },
      { onBatchFailed: (error, items) => reports.push({ message: (error as Error).message, items }) },
    );
    expect(await Promise.all([1, 2].map((item) => commits.submit(item)))).toEqual([1, 2]);
    expect(reports).toEqual([{ message: 'batch refused', items: [1, 2] }]);
  });

  it('never strands an item submitted as the last writer finishes', async () => {
    // A writer that saw an empty queue must not count as running for a submit that follows it.
    let calls = 0;
    const commits = new GroupCommit<number, number>(async (items) => {
      calls += 1;
      return items;
    });
    for (let round = 0; round < 200; round++) {
      const first = commits.submit(round);
      // Submitted from a microtask right after the write resolves, when the writer is about to stop.
      const second = first.then(() => commits.submit(-round));
      expect(await second).toBe(-round);
    }
    expect(calls).toBeGreaterThanOrEqual(200);
  });

  it('drain waits for everything submitted', async () => {
    const stored: number[] = [];
    const commits = new GroupCommit<number, void>(async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      stored.push(...items);
      return items.map(() => undefined);
    });
    for (let item = 0; item < 20; item++) void commits.submit(item);
    await commits.drain();
    expect(stored).toHaveLength(20);
    await commits.drain();
  });
});
