import { findIncidentByNumber, type Incident } from '../../src/incidents/index.ts';
import type { TestDatabase } from './database.ts';
import { eventually } from './eventually.ts';
import type { Harness } from './harness.ts';

export const alice = 'U0ALICE';
export const bob = 'U0BOB';
export const carol = 'U0CAROL';
export const dave = 'U0DAVE';
export const general = 'C0GENERAL';

/** Declares through /incident declare and waits until its channel and card exist. */
export async function declared(
  harness: Harness,
  database: TestDatabase,
  text = 'declare sev2 Checkout slow',
  userId = alice,
): Promise<Incident & { channelId: string; cardTs: string }> {
  await harness.emulator.slashCommand({ userId, channelId: general, text });
  await harness.settle();
  const count = (await harness.emulator.workspace.channels()).filter((c: { name: string }) =>
    c.name.startsWith('inc-'),
  ).length;
  return (await incident(harness, database, count)) as Incident & { channelId: string; cardTs: string };
}

export async function incident(harness: Harness, database: TestDatabase, number: number): Promise<Incident> {
  const found = await findIncidentByNumber(database.db, { teamId: harness.emulator.teamId, number });
  if (!found) throw new Error(`no INC-${number}`);
  return found;
}

/** Runs `/incident <text>` in a channel and returns the ephemeral answer's text. */
export async function run(harness: Harness, userId: string, channelId: string, text: string): Promise<string> {
  const reply = await harness.emulator.slashCommand({ userId, channelId, text });
  const json = reply.json as { text?: string } | undefined;
  if (json?.text) return json.text;
  await harness.settle();
  const response = harness.emulator.workspace
    .responses()
    .filter((r: { userId?: string }) => r.userId === userId)
    .at(-1) as { text?: string; body?: { text?: string } } | undefined;
  return response?.body?.text ?? response?.text ?? '';
}

/** The modal most recently opened for a user with this callback id (opened after the ack, so waited for). */
export function openView(
  harness: Harness,
  userId: string,
  callbackId: string,
): Promise<{ id: string; blocks: unknown[] }> {
  return eventually(() => findView(harness, userId, callbackId));
}

function findView(harness: Harness, userId: string, callbackId: string): { id: string; blocks: unknown[] } {
  const view = harness.emulator.workspace
    .views(userId)
    .filter((v: { callback_id?: string; isOpen: boolean }) => v.callback_id === callbackId && v.isOpen)
    .at(-1);
  if (!view) throw new Error(`no open ${callbackId} view for ${userId}`);
  return view as { id: string; blocks: unknown[] };
}

/** A person clicks the button `actionId` on the message at `messageTs` in `channelId`. */
export function clickOn(harness: Harness, userId: string, channelId: string, messageTs: string, actionId: string) {
  return harness.emulator.clickButton({ userId, channelId, messageTs, actionId });
}

/** A person fills the open form with this callback id (waited for, as it opens after the ack) and submits it. */
export async function submitForm(
  harness: Harness,
  userId: string,
  callbackId: string,
  values: Record<string, unknown>,
) {
  const form = await openView(harness, userId, callbackId);
  return harness.emulator.submitView({ userId, viewId: form.id, values });
}

export function channelText(harness: Harness, channelId: string): string {
  return harness.emulator.workspace
    .messages(channelId)
    .map((m: { text?: string }) => m.text ?? '')
    .join('\n');
}

/** Resolves an incident through `/incident resolve` and its form, then waits for everything it sets off. */
export async function resolveThroughForm(
  harness: Harness,
  userId: string,
  channelId: string,
  values: Record<string, unknown> = { severity: 'sev2', change_induced: 'no', impact: 'Checkout took 8 s' },
): Promise<void> {
  await harness.emulator.slashCommand({ userId, channelId, text: 'resolve' });
  await submitForm(harness, userId, 'incident_resolve', values);
  await harness.settle();
}
