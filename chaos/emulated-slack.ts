import { performance } from 'node:perf_hooks';
import type { Emulator, Message } from '@firebreak/slack-emulator';
import { benchWorkspace } from '../bench/slack-requests.ts';
import type { ScratchDatabase } from './database.ts';
import { type FirebreakProcess, firebreakEnv, freePort, startFirebreak, waitUntilReady } from './firebreak-process.ts';

/** A Firebreak process the emulator delivers to (as Slack would), and where it listens. */
export type ConnectedFirebreak = { process: FirebreakProcess; endpoint: string };

/**
 * Starts Firebreak on `database` against `emulator` and points the emulator's deliveries (slash commands,
 * form submissions) at it; `restore()` puts the emulator's previous app URL back.
 */
export async function startConnectedFirebreak(
  emulator: Emulator,
  database: ScratchDatabase,
): Promise<ConnectedFirebreak & { restore(): void }> {
  const port = await freePort();
  const process = startFirebreak(firebreakEnv(emulator, database.url, port, { LOG_LEVEL: 'error' }));
  const previousAppUrl = emulator.appUrl;
  const endpoint = `http://127.0.0.1:${port}/slack/events`;
  emulator.appUrl = endpoint;
  try {
    await waitUntilReady(process, port);
  } catch (error) {
    emulator.appUrl = previousAppUrl;
    await process.stop();
    throw error;
  }
  return { process, endpoint, restore: () => void (emulator.appUrl = previousAppUrl) };
}

export type IncidentRow = {
  id: number;
  title: string;
  channel_id: string | null;
  card_ts: string | null;
  severity: string;
  status: string;
};

/** Every incident of the bench workspace, oldest first. */
export async function listIncidentRows(database: ScratchDatabase): Promise<IncidentRow[]> {
  const rows = await database.sql<IncidentRow[]>`
    SELECT id::int AS id, title, channel_id, card_ts, severity, status FROM incidents
     WHERE team_id = ${benchWorkspace.teamId} ORDER BY id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Outbox rows by status ('pending', 'running', 'done', 'dead'). */
export async function outboxByStatus(database: ScratchDatabase): Promise<Record<string, number>> {
  const rows = await database.sql<{ status: string; n: number }[]>`
    SELECT status, count(*)::int AS n FROM outbox WHERE team_id = ${benchWorkspace.teamId} GROUP BY status`;
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** Effects still to do (pending or running). */
export async function openEffects(database: ScratchDatabase): Promise<number> {
  const counts = await outboxByStatus(database);
  return (counts.pending ?? 0) + (counts.running ?? 0);
}

/**
 * Polls `check` every 100 ms until it answers true, or `timeoutMs` passed; returns how long it took
 * (performance.now() ms), or undefined when it never did.
 */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

/** Waits until the outbox has nothing open; throws after `timeoutMs` with what is left. */
export async function waitForEmptyOutbox(database: ScratchDatabase, timeoutMs = 60_000): Promise<void> {
  const took = await waitUntil(async () => (await openEffects(database)) === 0, timeoutMs);
  if (took === undefined)
    throw new Error(`outbox not empty ${timeoutMs} ms on: ${JSON.stringify(await outboxByStatus(database))}`);
}

/** The text and blocks of a message as one searchable string. */
export const searchable = (message: Message) => `${message.text ?? ''}\n${JSON.stringify(message.blocks ?? [])}`;

/** Bot posts in `channelId` (top level) whose text is there more than once, as "text ×n". */
export function doubledBotPosts(emulator: Emulator, channelId: string): string[] {
  const counts = new Map<string, number>();
  for (const message of emulator.workspace.messages(channelId).filter((m) => m.bot_id))
    counts.set(message.text ?? '', (counts.get(message.text ?? '') ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([text, n]) => `"${text.slice(0, 60)}" ×${n}`);
}

export const sample = (items: string[]) => `${items.slice(0, 5).join('; ')}${items.length > 5 ? '; …' : ''}`;
