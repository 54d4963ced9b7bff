/**
 * A clock that follows the Slack emulator's, for hand sessions (FIREBREAK_CLOCK=emulator): when a person
 * moves the emulator's clock (POST /_emulator/clock), Firebreak's jobs, deadlines and request-timestamp
 * checks move with it. Never used unless that variable is set.
 */
import type { Clock } from './clock.ts';
import { StartupError } from './errors.ts';

/** A Clock reading the emulator's time, refreshed on a poll, which must be stopped on shutdown. */
export type FollowingClock = Clock & {
  /** How far the emulator's clock is ahead of this machine's, in ms, as last read. */
  offsetMs(): number;
  /** Reads the emulator's clock now. */
  refresh(): Promise<void>;
  stop(): void;
};

/** `<origin>/_emulator/clock` for the emulator serving `apiUrl` (its `/api/` base). */
export function emulatorClockUrl(apiUrl: string): string {
  return new URL('/_emulator/clock', apiUrl).toString();
}

/**
 * Reads the emulator's clock once (failing start-up with the URL when it cannot), then every `pollMs`:
 * the offset may be a poll behind, which only delays a due job by that much.
 */
export async function followEmulatorClock(
  apiUrl: string,
  options: { pollMs?: number; onError?: (error: unknown) => void; fetch?: typeof fetch } = {},
): Promise<FollowingClock> {
  const url = emulatorClockUrl(apiUrl);
  const get = options.fetch ?? fetch;
  let offset = 0;
  const refresh = async () => {
    const sentAt = Date.now();
    const response = await get(url);
    if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
    const body = (await response.json()) as { now?: unknown };
    if (typeof body.now !== 'number') throw new Error(`GET ${url} did not answer {"now": <ms>}`);
    // The emulator read its clock about halfway through the round trip.
    offset = body.now - (sentAt + Date.now()) / 2;
  };
  try {
    await refresh();
  } catch (error) {
    throw new StartupError(
      `FIREBREAK_CLOCK=emulator: cannot read the emulator's clock at ${url} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => options.onError?.(error));
  }, options.pollMs ?? 1000);
  timer.unref();
  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    refresh,
    stop: () => clearInterval(timer),
  };
}
