/**
 * Slack's per-method rate limits (its tiers: requests a minute per workspace), so the outbox spaces out
 * every Web API method, not only posting, before Slack has to refuse it. A burst of declares then waits
 * its turn here instead of meeting one 429 per call over the limit.
 */
import { RatePacer } from '../platform/rate-pacer.ts';

/** Slack's published tiers, as requests a minute. */
const tier = { 2: 20, 3: 50, 4: 100 } as const;

/** The tier of each method Firebreak calls that is not Tier 3 (Slack's default for most methods). */
const methodsPerMinute: Record<string, number> = {
  'conversations.create': tier[2],
  'conversations.archive': tier[2],
  'conversations.unarchive': tier[2],
  'conversations.rename': tier[2],
  'conversations.setTopic': tier[2],
  'conversations.setPurpose': tier[2],
  'conversations.kick': tier[2],
  'pins.add': tier[2],
  'pins.remove': tier[2],
  'pins.list': tier[2],
  'bookmarks.add': tier[2],
  'bookmarks.edit': tier[2],
  'bookmarks.list': tier[2],
  'bookmarks.remove': tier[2],
  'users.list': tier[2],
  'canvases.create': tier[2],
  'conversations.canvases.create': tier[2],
  'views.open': tier[4],
  'views.push': tier[4],
  'views.update': tier[4],
  'views.publish': tier[4],
  'users.info': tier[4],
  'users.lookupByEmail': tier[4],
  'chat.getPermalink': tier[4],
};

// Posting has limits of its own (per channel and per workspace: posting-pace.ts); auth.test is not limited.
const notPacedHere = new Set(['chat.postMessage', 'chat.postEphemeral', 'auth.test']);
// The buckets are per workspace, not per channel: the pacer's channel bucket is made too large to matter.
const noChannelLimit = { channelPerSecond: 1_000_000, channelBurst: 1_000_000 };

/** Requests a minute Slack allows `method`, or undefined for the methods not paced per method. */
export function perMinuteOf(method: string): number | undefined {
  if (notPacedHere.has(method)) return undefined;
  return methodsPerMinute[method] ?? tier[3];
}

/** One token bucket per method and team, made when the method is first called. */
export class MethodPacers {
  private readonly pacers = new Map<string, RatePacer>();

  /** The pacer of `method`'s calls, or undefined when this method is not paced per method. */
  pacerFor(method: string): RatePacer | undefined {
    const perMinute = perMinuteOf(method);
    if (perMinute === undefined) return undefined;
    let pacer = this.pacers.get(method);
    if (!pacer) {
      pacer = new RatePacer({ perMinute, ...noChannelLimit });
      this.pacers.set(method, pacer);
    }
    return pacer;
  }
}
