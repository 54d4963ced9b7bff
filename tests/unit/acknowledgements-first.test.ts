import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { AcknowledgementsFirst } from '../../src/platform/acknowledgements-first.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('acknowledgements first', () => {
  it('lets work through at once when no request waits or arrived lately', async () => {
    const acks = new AcknowledgementsFirst({ quietMs: 2 });
    await expect(acks.whenQuiet()).resolves.toBeUndefined();
    acks.received()();
    await sleep(5);
    let released = false;
    const work = acks.whenQuiet().then(() => (released = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(released).toBe(true);
    await work;
  });

  it('holds work while requests wait for their acknowledgement', async () => {
    const acks = new AcknowledgementsFirst({ quietMs: 2, maxWaitMs: 5_000 });
    const first = acks.received();
    const second = acks.received();
    let released = false;
    const work = acks.whenQuiet().then(() => (released = true));
    first();
    first(); // counted out once, however often it is called
    expect(acks.waiting).toBe(1);
    await sleep(40);
    expect(released).toBe(false);
    second();
    await work;
    expect(released).toBe(true);
  });

  it('never holds work longer than its limit, so a busy period cannot starve it', async () => {
    const acks = new AcknowledgementsFirst({ quietMs: 2, maxWaitMs: 30 });
    acks.received(); // never acknowledged
    const started = performance.now();
    await acks.whenQuiet();
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('lets waiting work go one piece per turn of the event loop, in order', async () => {
    const acks = new AcknowledgementsFirst({ quietMs: 1, maxWaitMs: 5_000 });
    const done = acks.received();
    const order: string[] = [];
    const pieces = ['a', 'b', 'c'].map((name) => acks.whenQuiet().then(() => order.push(name)));
    done();
    // A request arriving after the first piece is let go holds the rest back again.
    await pieces[0];
    const late = acks.received();
    await sleep(10);
    expect(order).toEqual(['a']);
    late();
    await Promise.all(pieces);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});
