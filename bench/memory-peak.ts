import { readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';

/** How far memory rose above where it was when the work started, at its highest. */
export type MemoryPeak = {
  /** Resident set size: the kernel's high-water mark where it can be reset (Linux), else sampled. */
  rssMb: number;
  /**
   * JS heap in use plus memory held outside it by JS objects (Buffers, ArrayBuffers), at its highest: the
   * heap as every collection during the work found it (before collecting), samples, and the end.
   */
  heapMb: number;
  /** Collections during the work (each one a look at the heap at a local high). */
  collections: number;
  /** Whether `rssMb` is the kernel's exact high-water mark (VmHWM) rather than a sample. */
  exactRss: boolean;
};

const mb = (bytes: number) => bytes / (1024 * 1024);

/** A full collection (untimed), so a measurement starts from live memory only. `npm run bench` passes --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Whether {@link collectGarbage} does anything (memory figures without it include earlier garbage). */
export const canCollectGarbage = typeof (globalThis as { gc?: unknown }).gc === 'function';

/**
 * Linux keeps the process's peak RSS (VmHWM in /proc/self/status); writing 5 to /proc/self/clear_refs
 * resets it to the current RSS. That peak is exact, where samples miss whatever happens while the event
 * loop is busy (PGlite runs its queries on it). Undefined where neither file works.
 */
function resetRssHighWater(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return rssHighWaterBytes() !== undefined;
  } catch {
    return false;
  }
}

function rssHighWaterBytes(): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` after a full collection and returns how far RSS and the JS heap rose above their starting
 * point. RSS: the kernel's high-water mark, reset right before the work (see {@link resetRssHighWater}).
 * Heap: what `v8.GCProfiler` saw before each collection during the work (garbage grows the heap until a
 * collection, so those are its highs), `process.memoryUsage()` every `intervalMs` while the event loop is
 * free, and once at the end while the result is still referenced.
 */
export async function measurePeak<T>(work: () => Promise<T>, intervalMs = 2): Promise<{ result: T; peak: MemoryPeak }> {
  collectGarbage();
  const base = process.memoryUsage();
  const exactRss = resetRssHighWater();
  let rss = base.rss;
  let heap = base.heapUsed + base.external;
  let external = base.external;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed + now.external);
    external = Math.max(external, now.external);
  };
  const profiler = new v8.GCProfiler();
  profiler.start();
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work();
    sample();
    const collections = profiler.stop()?.statistics ?? [];
    for (const gc of collections) {
      const before = gc.beforeGC.heapStatistics;
      heap = Math.max(heap, before.usedHeapSize + Math.max(external, before.externalMemory));
    }
    const highWater = exactRss ? rssHighWaterBytes() : undefined;
    return {
      result,
      peak: {
        rssMb: mb(Math.max(rss, highWater ?? 0) - base.rss),
        heapMb: mb(heap - base.heapUsed - base.external),
        collections: collections.length,
        exactRss: highWater !== undefined,
      },
    };
  } finally {
    clearInterval(timer);
    profiler.stop();
  }
}

/**
 * Runs `work` and returns the most the JS heap (plus external memory) held right after a full collection
 * (mark-sweep-compact) during it, in MB: live memory at its highest, where the peak of
 * {@link measurePeak} also counts garbage not collected yet. Undefined when no full collection ran.
 */
export async function measureLiveHeap<T>(work: () => Promise<T>): Promise<{ result: T; liveMb: number | undefined }> {
  const profiler = new v8.GCProfiler();
  profiler.start();
  let stopped = false;
  try {
    const result = await work();
    const collections = profiler.stop()?.statistics ?? [];
    stopped = true;
    const full = collections.filter((gc) => gc.gcType === 'MarkSweepCompact');
    const live = full.map((gc) => gc.afterGC.heapStatistics.usedHeapSize + gc.afterGC.heapStatistics.externalMemory);
    return { result, liveMb: live.length > 0 ? mb(Math.max(...live)) : undefined };
  } finally {
    if (!stopped) profiler.stop();
  }
}
