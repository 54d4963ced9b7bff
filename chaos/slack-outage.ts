import type { Emulator, Fault } from '@firebreak/slack-emulator';

/**
 * Firebreak's Web API timeout (src/slack/client.ts, 10 s): a hung call is held a little longer than that,
 * so the app's own timeout is what ends it, as with a Slack that accepts connections and never answers.
 */
export const appSlackTimeoutMs = 10_000;
const hangMs = appSlackTimeoutMs + 2000;
/** Faults queued ahead; topped up while Slack is down, so every call finds one however many the app makes. */
const queuedAhead = 2000;
const topUpEveryMs = 250;

/** The share of calls answered each way while Slack is down (the rest of the mix: 5xx). */
export type OutageMix = { hang: number; lost: number };
export const defaultOutageMix: OutageMix = { hang: 0.3, lost: 0.15 };

/** One call's answer while Slack is down: 500/502/503, a hang past the app's timeout, or done with the answer lost. */
function drawFault(random: () => number, mix: OutageMix): Fault {
  const roll = random();
  if (roll < mix.hang) return { kind: 'hang', ms: hangMs };
  if (roll < mix.hang + mix.lost) return { kind: 'lost' };
  return { kind: 'server_error', status: [500, 502, 503][Math.floor(random() * 3)] };
}

export type SlackOutage = {
  /** Slack comes back: no call after this finds a fault (calls hung before it still hang out their time). */
  end(): void;
  /** Calls answered with a fault so far, by kind. */
  faultCounts(): Record<string, number>;
};

/** Takes Slack's Web API down on `emulator`: every call (any method) answers 5xx, hangs or loses its answer. */
export function startSlackOutage(emulator: Emulator, random: () => number, mix = defaultOutageMix): SlackOutage {
  const firstCall = emulator.calls.length;
  const topUp = () => {
    for (let n = emulator.faults.size; n < queuedAhead; n++) emulator.faults.add('*', drawFault(random, mix));
  };
  topUp();
  const timer = setInterval(topUp, topUpEveryMs);
  return {
    end() {
      clearInterval(timer);
      emulator.faults.clear();
    },
    faultCounts() {
      const counts: Record<string, number> = {};
      for (const call of emulator.calls.slice(firstCall))
        if (call.fault) counts[call.fault] = (counts[call.fault] ?? 0) + 1;
      return counts;
    },
  };
}
