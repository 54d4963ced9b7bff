import { describe, expect, it } from 'vitest';
import { findPostmortem } from '../../src/postmortems/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';
import {
  alice,
  bob,
  carol,
  dave,
  declared,
  general,
  incident,
  openView,
  resolveThroughForm,
  run,
} from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

const resolve = (channelId: string, userId = alice) => resolveThroughForm(harness, userId, channelId);

describe('the postmortem in Slack', () => {
  it('is the channel canvas, headed by how it is kept, and follows every version', async () => {
    const inc = await declared(harness, database);
    await resolve(inc.channelId);
    let canvas = harness.emulator.renderCanvas(inc.channelId);
    expect(canvas).toMatch(/canvas of #inc-1-checkout-slow/);
    expect(canvas).toContain('Kept up to date by Firebreak from the incident record.');
    expect(canvas).toContain('# INC-1 postmortem: Checkout slow');
    expect(canvas).toContain('@alice');
    const message = harness.emulator.workspace
      .messages(inc.channelId)
      .find((m: { text?: string }) => /Postmortem for INC-1/.test(m.text ?? ''));
    await harness.emulator.clickButton({
      userId: alice,
      channelId: inc.channelId,
      messageTs: message!.ts,
      actionId: 'postmortem.write_up',
      value: String(inc.id),
    });
    const form = await openView(harness, alice, 'postmortem_write_up');
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { lucky: 'It happened at 10:00 on a Tuesday, with everyone at their desks.' },
    });
    await harness.settle();
    canvas = harness.emulator.renderCanvas(inc.channelId);
    expect(canvas).toContain('It happened at 10:00 on a Tuesday, with everyone at their desks.');
    // One canvas, edited: never a second one.
    expect(harness.emulator.callsTo('conversations.canvases.create').filter((c) => c.ok)).toHaveLength(1);
    expect(harness.emulator.callsTo('canvases.edit').every((c) => c.ok)).toBe(true);
  });

  it('retries a canvas edit Slack rate-limits, and the canvas ends on the latest version', async () => {
    const inc = await declared(harness, database);
    await resolve(inc.channelId);
    harness.emulator.faults.add('canvases.edit', { kind: 'ratelimit', retryAfter: 1 });
    await run(harness, alice, inc.channelId, 'note decision: keep the cache warm-up step');
    await run(harness, alice, inc.channelId, 'postmortem');
    const message = harness.emulator.workspace
      .messages(inc.channelId)
      .find((m: { text?: string }) => /Postmortem for INC-1/.test(m.text ?? ''));
    await harness.emulator.clickButton({
      userId: alice,
      channelId: inc.channelId,
      messageTs: message!.ts,
      actionId: 'postmortem.regenerate',
      value: String(inc.id),
    });
    await harness.settle();
    const edits = harness.emulator.callsTo('canvases.edit');
    expect(edits.some((c) => c.error === 'ratelimited')).toBe(true);
    expect(edits.at(-1)?.ok).toBe(true);
    expect(harness.emulator.renderCanvas(inc.channelId)).toContain('keep the cache warm-up step');
  });

  it('falls back to Markdown files where the workspace cannot have canvases, and says so once', async () => {
    harness.emulator.workspace.canvasAvailability = 'disabled';
    const inc = await declared(harness, database);
    await resolve(inc.channelId);
    await run(harness, alice, inc.channelId, 'note observation: latency back to normal');
    await run(harness, alice, inc.channelId, 'postmortem');
    const postmortem = await findPostmortem(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(postmortem?.canvasUnavailable).toBe('canvas_disabled_user_team');
    const notices = harness.emulator.workspace
      .messages(inc.channelId)
      .filter((m: { text?: string }) => /cannot have canvases/.test(m.text ?? ''));
    expect(notices).toHaveLength(1);
    const files = harness.emulator.workspace.messages(inc.channelId).flatMap((m) => m.files ?? []);
    expect(files.map((f) => f.name)).toEqual(['inc-1-postmortem-v1.md']);
  });

  it('stays inside a private incident: reviewers and owners must be members, nothing is posted elsewhere', async () => {
    await harness.emulator.slashCommand({ userId: carol, channelId: general, text: '' });
    const form = await openView(harness, carol, 'declare_incident');
    await harness.emulator.submitView({
      userId: carol,
      viewId: form.id,
      values: { title: 'Suspicious admin logins zq7', severity: 'sev1', private: ['private'] },
    });
    await harness.settle();
    const channel = harness.emulator.workspace.channels().find((c) => c.name.startsWith('inc-1-'))!;
    await resolve(channel.id, carol);
    expect(await run(harness, dave, general, 'postmortem INC-1')).toMatch(/no INC-1 that you can see/);
    expect(await run(harness, carol, channel.id, `postmortem owner <@${dave}>`)).toMatch(
      /not in this private incident's channel/,
    );
    const message = harness.emulator.workspace
      .messages(channel.id)
      .find((m: { text?: string }) => /Postmortem for INC-1/.test(m.text ?? ''));
    await harness.emulator.clickButton({
      userId: carol,
      channelId: channel.id,
      messageTs: message!.ts,
      actionId: 'postmortem.request_review',
      value: String((await incident(harness, database, 1)).id),
    });
    const review = await openView(harness, carol, 'postmortem_review');
    const refused = await harness.emulator.submitView({
      userId: carol,
      viewId: review.id,
      values: { reviewers: [bob] },
    });
    expect(refused.outcome).toBe('errors');
    await harness.settle();
    // The marker appears in the private channel (and its canvas) only.
    for (const other of harness.emulator.workspace.channels().filter((c) => c.id !== channel.id))
      expect(JSON.stringify(harness.emulator.workspace.messages(other.id))).not.toContain('zq7');
    expect(harness.emulator.renderCanvas(channel.id)).toContain('zq7');
  });
});
