import type { Action } from '../../src/actions/index.ts';
import { findActionByNumber } from '../../src/actions/index.ts';
import { localDateOf, shiftDays } from '../../src/platform/local-time.ts';
import type { TestDatabase } from './database.ts';
import type { Harness } from './harness.ts';

/** Today in the default configuration's zone (UTC), and `days` after it. */
export function today(days = 0): string {
  return shiftDays(localDateOf(new Date(), 'UTC'), days);
}

export async function actionOf(harness: Harness, database: TestDatabase, number: number): Promise<Action> {
  const action = await findActionByNumber(database.db, { teamId: harness.emulator.teamId, number });
  if (!action) throw new Error(`no ACT-${number}`);
  return action;
}

type Message = { ts: string; text?: string; blocks?: unknown[] };

/** The bot's direct messages to a person (by name, as the emulator names DMs: "@bob"). */
export function dmsTo(harness: Harness, name: string): Message[] {
  const dm = harness.emulator.workspace.channelByName(`@${name}`);
  return dm ? (harness.emulator.workspace.messages(dm.id) as Message[]) : [];
}

export function dmChannel(harness: Harness, name: string): string {
  const dm = harness.emulator.workspace.channelByName(`@${name}`);
  if (!dm) throw new Error(`no DM with ${name}`);
  return dm.id;
}

/** The last answer a person got through a response_url or an ack (text and blocks). */
export function lastResponse(harness: Harness, userId: string): { text: string; blocks: unknown[] } {
  const response = harness.emulator.workspace
    .responses()
    .filter((r: { userId?: string }) => r.userId === userId)
    .at(-1) as { text?: string; blocks?: unknown[]; body?: { text?: string; blocks?: unknown[] } } | undefined;
  return {
    text: response?.body?.text ?? response?.text ?? '',
    blocks: response?.body?.blocks ?? response?.blocks ?? [],
  };
}

/** The text a modal shows (its blocks as JSON), for asserting a confirmation or refusal. */
export function viewText(harness: Harness, viewId: string): string {
  return JSON.stringify(harness.emulator.workspace.view(viewId));
}

/**
 * A click on a button of an ephemeral answer (a list), as Slack sends it: the emulator keeps ephemeral
 * command answers only as responses, so the click is crafted from the blocks the person was shown.
 */
export async function clickInResponse(
  harness: Harness,
  params: { userId: string; channelId: string; blocks: unknown[]; actionId: string; value?: string },
) {
  type Element = { action_id?: string; value?: string };
  type Block = { block_id?: string; elements?: Element[]; accessory?: Element };
  const found = (params.blocks as Block[])
    .flatMap((block) =>
      [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].map((element) => ({ block, element })),
    )
    .find(
      ({ element }) =>
        element.action_id === params.actionId && (params.value === undefined || element.value === params.value),
    );
  if (!found) throw new Error(`no ${params.actionId} button in the answer`);
  return harness.emulator.craftedInteraction({
    userId: params.userId,
    channelId: params.channelId,
    payload: {
      type: 'block_actions',
      container: { type: 'message', message_ts: '1700000000.000900', channel_id: params.channelId, is_ephemeral: true },
      channel: { id: params.channelId, name: 'incident' },
      state: { values: {} },
      actions: [{ ...found.element, block_id: found.block.block_id, type: 'button', action_ts: '1.2' }],
    },
  });
}
