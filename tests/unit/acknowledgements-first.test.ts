import { afterEach, describe, expect, it, vi } from 'vitest';
import { AcknowledgementsFirst } from '../../src/platform/acknowledgements-first.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('acknowledgements first', () => {
  it('lets work through at once when no request waits for its acknowledgement', async () => {
    const acks = new AcknowledgementsFirst();
    await expect(acks.whenQuiet()).resolves.toBeUndefined();
  });

  it('holds work until every waiting request is acknowledged', async () => {
    const acks = new AcknowledgementsFirst();
    const first = acks.received();
    const second = acks.received();
    let released = false;
    const work = acks.whenQuiet().then(() => (released = true));
    first();
    first(); // counted out once, however often it is called
    await Promise.resolve();
    expect(released).toBe(false);
    expect(acks.waiting).toBe(1);
    second();
    await work;
    expect(released).toBe(true);
  });

  it('never holds work longer than its limit, so a busy period cannot starve it', async () => {
    vi.useFakeTimers();
    const acks = new AcknowledgementsFirst(250);
    acks.received();
    let released = false;
    void acks.whenQuiet().then(() => (released = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(released).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toBe(true);
  });
});
