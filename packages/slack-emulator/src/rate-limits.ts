/**
 * Slack's Web API rate limits as token buckets (size = per-minute figure, continuous refill), per method
 * per workspace; chat.postMessage/chat.postEphemeral are limited per channel (burst 5, 1/s) plus a
 * workspace cap (100/min unless configured). Time comes from the emulator clock so tests can advance it.
 */
import type { Clock } from './types.ts';

/** Requests per minute of Slack's tiers. */
export const TIERS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

/** Tier of each method; methods not listed are Tier 3, `auth.test` is never limited. */
export const METHOD_TIERS: Record<string, keyof typeof TIERS> = {
  'conversations.create': 2,
  'conversations.archive': 2,
  'conversations.unarchive': 2,
  'conversations.setTopic': 2,
  'conversations.setPurpose': 2,
  'conversations.rename': 2,
  'conversations.kick': 2,
  'pins.add': 2,
  'pins.remove': 2,
  'pins.list': 2,
  'bookmarks.add': 2,
  'bookmarks.edit': 2,
  'bookmarks.list': 2,
  'bookmarks.remove': 2,
  'users.list': 2,
  'canvases.create': 2,
  'conversations.canvases.create': 2,
  'conversations.invite': 3,
  'conversations.info': 3,
  'conversations.members': 3,
  'conversations.join': 3,
  'conversations.list': 3,
  'conversations.replies': 3,
  'conversations.history': 3,
  'chat.update': 3,
  'chat.delete': 3,
  'canvases.edit': 3,
  'canvases.delete': 3,
  'canvases.sections.lookup': 3,
  'views.open': 4,
  'views.push': 4,
  'views.update': 4,
  'views.publish': 4,
  'users.info': 4,
  'users.lookupByEmail': 4,
  'chat.getPermalink': 4,
};

/** Default workspace-wide cap on chat.postMessage and chat.postEphemeral together, per minute. */
export const DEFAULT_POST_MESSAGE_PER_MINUTE = 100;

const UNLIMITED = new Set(['auth.test']);
const EPSILON = 1e-9;
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral']);

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Options of a rate limiter (see the properties of the same names). */
export interface RateLimiterOptions {
  enabled?: boolean;
  historyLimitedApp?: boolean;
  postMessagePerMinute?: number;
}

function checkedPerMinute(value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`postMessagePerMinute must be a whole number ≥ 1, got ${String(value)}`);
  return value;
}

/**
 * Rate limiter of one emulated workspace. `enabled`, `historyLimitedApp` and `postMessagePerMinute` may be
 * changed at any time.
 */
export class RateLimiter {
  /** When false, nothing is limited. */
  enabled: boolean;
  /**
   * Apply the limits Slack gives non-Marketplace apps since 2025: conversations.history and
   * conversations.replies at 1 request/min returning at most 15 messages.
   */
  historyLimitedApp: boolean;
  private readonly buckets = new Map<string, Bucket>();
  private postCap: number;

  constructor(
    private readonly clock: Clock,
    opts: RateLimiterOptions = {},
  ) {
    this.enabled = opts.enabled ?? true;
    this.historyLimitedApp = opts.historyLimitedApp ?? false;
    this.postCap = checkedPerMinute(opts.postMessagePerMinute ?? DEFAULT_POST_MESSAGE_PER_MINUTE);
  }

  /**
   * The workspace-wide cap on chat.postMessage + chat.postEphemeral per minute (default 100), on top of
   * the per-channel limit. Setting it throws a RangeError unless it is a whole number ≥ 1; a lower cap
   * applies at once (the bucket holds at most that many), a higher one fills up at the new rate.
   */
  get postMessagePerMinute(): number {
    return this.postCap;
  }

  set postMessagePerMinute(value: number) {
    this.postCap = checkedPerMinute(value);
  }

  /** Forgets all usage (every bucket full again). */
  reset(): void {
    this.buckets.clear();
  }

  /**
   * Takes one request for `method` (and `channelId` for message posting). Returns null when allowed, or
   * the seconds to wait (integer ≥ 1) when over the limit; nothing is consumed then.
   */
  take(method: string, channelId?: string): number | null {
    if (!this.enabled || UNLIMITED.has(method)) return null;
    const now = this.clock();
    const wanted: Array<{ key: string; capacity: number; perMs: number }> = [];
    if (MESSAGE_METHODS.has(method)) {
      wanted.push({ key: `post:channel:${channelId ?? '?'}`, capacity: 5, perMs: 1 / 1000 });
      wanted.push({ key: 'post:workspace', capacity: this.postCap, perMs: this.postCap / 60_000 });
    } else {
      const perMinute = this.perMinute(method);
      wanted.push({ key: `method:${method}`, capacity: perMinute, perMs: perMinute / 60_000 });
    }
    let retryAfter: number | null = null;
    const buckets = wanted.map((spec) => {
      const bucket = this.refill(spec.key, spec.capacity, spec.perMs, now);
      // Refills are floats: without the epsilon, 0.9999999999 tokens refuse a call Retry-After said would pass.
      if (bucket.tokens < 1 - EPSILON)
        retryAfter = Math.max(retryAfter ?? 1, Math.ceil((1 - bucket.tokens) / spec.perMs / 1000 - EPSILON));
      return bucket;
    });
    if (retryAfter !== null) return retryAfter;
    for (const bucket of buckets) bucket.tokens -= 1;
    return null;
  }

  /** Most messages conversations.history/replies may return (15 for limited apps). */
  historyPageCap(): number {
    return this.enabled && this.historyLimitedApp ? 15 : 999;
  }

  private perMinute(method: string): number {
    if (this.historyLimitedApp && (method === 'conversations.history' || method === 'conversations.replies'))
      return TIERS[1];
    return TIERS[METHOD_TIERS[method] ?? 3];
  }

  private refill(key: string, capacity: number, perMs: number, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: capacity, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perMs);
    bucket.updatedAt = Math.max(bucket.updatedAt, now);
    return bucket;
  }
}
