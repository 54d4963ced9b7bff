/**
 * Token buckets that space out calls to a rate-limited API before it has to refuse them: per team, one
 * workspace-wide bucket and one per channel. Pure: the caller passes the time in, and waits itself.
 *
 * Tokens are taken only when the call goes (a caller told to wait asks again), so a channel that is
 * busy never holds up calls to other channels. The buckets are kept a little smaller than Slack's
 * (`headroom`), so requests that reach Slack closer together than they were sent still find a token.
 */

export type PaceLimits = {
  /** Calls per minute over the whole workspace (Slack's chat.postMessage cap). */
  perMinute: number;
  /** Calls per second in one channel (Slack: 1). */
  channelPerSecond?: number;
  /** Calls one channel may take at once after a quiet spell (Slack allows short bursts). */
  channelBurst?: number;
};

type Limit = { capacity: number; perMs: number; headroom: number };
// Tokens as of `at` (in the future only while a refusal holds the team).
type Bucket = { tokens: number; at: number };
type TeamState = { workspace: Bucket; channels: Map<string, Bucket>; heldUntil: number; seenMs: number };

// Channel buckets that refilled completely are forgotten once a team has this many.
const channelsKept = 512;
// How far the clock may go back (callers reading it in a different order) before a team starts afresh.
const clockStepBackMs = 1000;

/** Per-team token buckets for one API's calls; never grants more than the limits allow over any stretch of time. */
export class RatePacer {
  private readonly workspaceLimit: Limit;
  private readonly channelLimit: Limit;
  private readonly teams = new Map<string, TeamState>();

  constructor(limits: PaceLimits) {
    const headroom = Math.max(1, Math.ceil(limits.perMinute / 10));
    this.workspaceLimit = {
      capacity: Math.max(1, limits.perMinute - headroom),
      perMs: limits.perMinute / 60_000,
      headroom,
    };
    const burst = limits.channelBurst ?? 4;
    this.channelLimit = { capacity: burst, perMs: (limits.channelPerSecond ?? 1) / 1000, headroom: 1 };
  }

  /**
   * Takes a token for one call by `teamId` in `channel` at `nowMs` and answers 0 when both buckets had
   * one and no refusal holds the team; otherwise takes nothing and answers how many ms to wait first.
   */
  tryTake(teamId: string, channel: string, nowMs: number): number {
    const team = this.team(teamId, nowMs);
    const channelBucket = this.channel(team, channel, nowMs);
    const at = Math.max(
      nowMs,
      team.heldUntil,
      readyAt(team.workspace, this.workspaceLimit, nowMs),
      readyAt(channelBucket, this.channelLimit, nowMs),
    );
    if (at > nowMs) return at - nowMs;
    take(team.workspace, this.workspaceLimit, nowMs);
    take(channelBucket, this.channelLimit, nowMs);
    return 0;
  }

  /**
   * Slack refused a call in `channel` at `nowMs` for `retryAfterMs` (a 429's Retry-After): nothing of
   * the team goes before then, and the buckets start again empty, less the headroom Slack's bucket lost.
   */
  hold(teamId: string, channel: string, nowMs: number, retryAfterMs: number): void {
    const team = this.team(teamId, nowMs);
    const untilMs = nowMs + retryAfterMs;
    team.heldUntil = Math.max(team.heldUntil, untilMs);
    drain(team.workspace, this.workspaceLimit, untilMs);
    drain(this.channel(team, channel, untilMs), this.channelLimit, untilMs);
  }

  /** Until when the team's calls are held after a refusal (0 when never). */
  heldUntil(teamId: string): number {
    return this.teams.get(teamId)?.heldUntil ?? 0;
  }

  private team(teamId: string, nowMs: number): TeamState {
    let team = this.teams.get(teamId);
    // A clock stepped back would otherwise make every bucket wait for the time it had already seen.
    if (!team || nowMs < team.seenMs - clockStepBackMs) {
      team = {
        workspace: { tokens: this.workspaceLimit.capacity, at: nowMs },
        channels: new Map(),
        heldUntil: 0,
        seenMs: nowMs,
      };
      this.teams.set(teamId, team);
    }
    team.seenMs = Math.max(team.seenMs, nowMs);
    return team;
  }

  private channel(team: TeamState, channel: string, nowMs: number): Bucket {
    let bucket = team.channels.get(channel);
    if (!bucket) {
      if (team.channels.size >= channelsKept) this.forgetFull(team, nowMs);
      bucket = { tokens: this.channelLimit.capacity, at: nowMs };
      team.channels.set(channel, bucket);
    }
    return bucket;
  }

  // A full bucket behaves like a new one, so dropping it changes nothing but memory.
  private forgetFull(team: TeamState, nowMs: number): void {
    for (const [channel, bucket] of team.channels) {
      if (bucket.at <= nowMs && levelAt(bucket, this.channelLimit, nowMs) >= this.channelLimit.capacity)
        team.channels.delete(channel);
    }
  }
}

function levelAt(bucket: Bucket, limit: Limit, t: number): number {
  if (t <= bucket.at) return bucket.tokens;
  return Math.min(limit.capacity, bucket.tokens + (t - bucket.at) * limit.perMs);
}

// The first whole millisecond, not before `nowMs` nor the end of a hold, at which the bucket holds a token.
function readyAt(bucket: Bucket, limit: Limit, nowMs: number): number {
  const from = Math.max(nowMs, bucket.at);
  const level = levelAt(bucket, limit, from);
  return level >= 1 ? from : from + Math.ceil((1 - level) / limit.perMs);
}

function take(bucket: Bucket, limit: Limit, nowMs: number): void {
  bucket.tokens = levelAt(bucket, limit, nowMs) - 1;
  bucket.at = Math.max(bucket.at, nowMs);
}

function drain(bucket: Bucket, limit: Limit, untilMs: number): void {
  const at = Math.max(bucket.at, untilMs);
  // Slack has about one token when its Retry-After ends; ours is kept `headroom` below that.
  bucket.tokens = Math.min(levelAt(bucket, limit, at), 1 - limit.headroom);
  bucket.at = at;
}
