import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import {
  clientFor,
  emulatorForTest,
  type FakeAnswer,
  manualClock,
  type ReceivedRequest,
  slackError,
  startFakeApp,
} from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
let app: Awaited<ReturnType<typeof startFakeApp>>;
let answer: (request: ReceivedRequest) => FakeAnswer;
const clock = manualClock(Date.now());

const modal = (title = 'Declare incident', extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'declare',
  private_metadata: '{"channel":"C0INCIDENTS"}',
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Declare' },
  blocks: [
    {
      type: 'input',
      block_id: 'title',
      label: { type: 'plain_text', text: 'Title' },
      element: { type: 'plain_text_input', action_id: 'title' },
    },
  ],
  ...extra,
});

beforeEach(async () => {
  answer = () => ({});
  app = await startFakeApp((request) => answer(request));
  emulator = await emulatorForTest({ appUrl: app.url, clock: clock.now });
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
  await app.close();
});

async function trigger(userId = 'U0ALICE'): Promise<string> {
  return (await emulator.slashCommand({ userId, channelId: 'C0INCIDENTS' })).triggerId;
}

describe('views.open and trigger_ids', () => {
  it('opens a modal for the user of the trigger', async () => {
    const opened = await client.views.open({ trigger_id: await trigger(), view: modal() as never });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      callback_id: 'declare',
      private_metadata: '{"channel":"C0INCIDENTS"}',
      hash: expect.any(String),
      root_view_id: opened.view?.id,
      team_id: 'T0FIREBRK',
    });
    expect(emulator.workspace.views('U0ALICE')).toEqual([
      expect.objectContaining({ id: opened.view?.id, isOpen: true, userId: 'U0ALICE', callback_id: 'declare' }),
    ]);
  });

  it('accepts a trigger once, for 3 seconds', async () => {
    const id = await trigger();
    await client.views.open({ trigger_id: id, view: modal() as never });
    expect((await slackError(client.views.open({ trigger_id: id, view: modal() as never }))).error).toBe(
      'exchanged_trigger_id',
    );
    const late = await trigger();
    clock.advance(3001);
    expect((await slackError(client.views.open({ trigger_id: late, view: modal() as never }))).error).toBe(
      'expired_trigger_id',
    );
    expect((await slackError(client.views.open({ trigger_id: '123.456.abc', view: modal() as never }))).error).toBe(
      'invalid_trigger_id',
    );
  });

  it('rejects invalid views before using the trigger', async () => {
    const id = await trigger();
    const error = await slackError(
      client.views.open({ trigger_id: id, view: modal('A title that is far too long') as never }),
    );
    expect(error).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: [expect.stringContaining('/view/title/text')] },
    });
    expect((await client.views.open({ trigger_id: id, view: modal() as never })).ok).toBe(true);
  });
});

describe('views.push, views.update, views.publish', () => {
  it('pushes up to 3 views', async () => {
    const root = await client.views.open({ trigger_id: await trigger(), view: modal() as never });
    const viewTrigger = async () =>
      (
        await emulator.clickViewButton({
          userId: 'U0ALICE',
          viewId: emulator.workspace
            .views('U0ALICE')
            .filter((v) => v.isOpen)
            .at(-1)!.id,
          actionId: 'go',
        })
      ).triggerId;
    const withButton = modal('Step', {
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Next' } }],
        },
      ],
    });
    await client.views.update({ view_id: root.view!.id!, view: withButton as never });
    const second = await client.views.push({ trigger_id: await viewTrigger(), view: withButton as never });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await client.views.push({ trigger_id: await viewTrigger(), view: withButton as never });
    expect(
      (await slackError(client.views.push({ trigger_id: await viewTrigger(), view: withButton as never }))).error,
    ).toBe('push_limit_reached');
  });

  it('updates by view_id or external_id and detects stale hashes', async () => {
    const opened = await client.views.open({
      trigger_id: await trigger(),
      view: modal('One', { external_id: 'declare-1' }) as never,
    });
    const updated = await client.views.update({
      view_id: opened.view!.id!,
      hash: opened.view!.hash!,
      view: modal('Two') as never,
    });
    expect(updated.view?.title).toEqual({ type: 'plain_text', text: 'Two' });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(
      (
        await slackError(
          client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal('Three') as never }),
        )
      ).error,
    ).toBe('hash_conflict');
    expect((await slackError(client.views.update({ view_id: 'V0NOPE', view: modal() as never }))).error).toBe(
      'not_found',
    );
    expect((await slackError(client.views.update({ view: modal() as never } as never))).error).toBe(
      'invalid_arguments',
    );
    const second = await client.views.open({
      trigger_id: await trigger('U0BOB'),
      view: modal('Other', { external_id: 'declare-2' }) as never,
    });
    expect(
      (
        await client.views.update({
          external_id: 'declare-2',
          view: modal('Via external', { external_id: 'declare-2' }) as never,
        })
      ).view?.id,
    ).toBe(second.view?.id);
    expect(
      (
        await slackError(
          client.views.open({ trigger_id: await trigger(), view: modal('Dup', { external_id: 'declare-2' }) as never }),
        )
      ).error,
    ).toBe('duplicate_external_id');
  });

  it('publishes one Home tab per user', async () => {
    const home = { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No open incidents' } }] };
    const first = await client.views.publish({ user_id: 'U0ALICE', view: home as never });
    const again = await client.views.publish({ user_id: 'U0ALICE', view: home as never, hash: first.view!.hash! });
    expect(again.view?.id).toBe(first.view?.id);
    expect(
      (await slackError(client.views.publish({ user_id: 'U0ALICE', view: home as never, hash: first.view!.hash! })))
        .error,
    ).toBe('hash_conflict');
    expect((await slackError(client.views.publish({ user_id: 'U0NOPE', view: home as never }))).error).toBe(
      'user_not_found',
    );
    expect((await slackError(client.views.publish({ user_id: 'U0ALICE', view: modal() as never }))).error).toBe(
      'invalid_arguments',
    );
  });
});

describe('view submissions', () => {
  async function openModal(view: object = modal()) {
    return (await client.views.open({ trigger_id: await trigger(), view: view as never })).view!.id!;
  }

  it('sends view_submission and closes the view on an empty 200', async () => {
    const viewId = await openModal();
    const result = await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'Checkout down' } });
    expect(app.last().body).toMatchObject({
      type: 'view_submission',
      user: { id: 'U0ALICE' },
      team: { id: 'T0FIREBRK' },
      api_app_id: 'A0FIREBRK',
      trigger_id: result.triggerId,
      response_urls: [],
      view: {
        id: viewId,
        callback_id: 'declare',
        private_metadata: '{"channel":"C0INCIDENTS"}',
        hash: expect.any(String),
        state: { values: { title: { title: { type: 'plain_text_input', value: 'Checkout down' } } } },
      },
    });
    expect(result.outcome).toBe('closed');
    expect(emulator.workspace.view(viewId)?.isOpen).toBe(false);
  });

  it('keeps the view open with errors for input blocks, and flags errors for other blocks', async () => {
    const viewId = await openModal();
    answer = () => ({ body: { response_action: 'errors', errors: { title: 'Too vague' } } });
    const shown = await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'x' } });
    expect(shown).toMatchObject({ outcome: 'errors', errors: { title: 'Too vague' } });
    expect(emulator.workspace.view(viewId)).toMatchObject({ isOpen: true, errors: { title: 'Too vague' } });
    expect(emulator.renderView(viewId)).toContain('⚠ Too vague');
    answer = () => ({ body: { response_action: 'errors', errors: { severity: 'Pick one' } } });
    const generic = await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'x' } });
    expect(generic.outcome).toBe('failed');
    expect(generic.problem).toMatch(/severity/);
  });

  it('applies update, push and clear', async () => {
    const viewId = await openModal();
    answer = () => ({ body: { response_action: 'update', view: modal('Updated') } });
    const updated = await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'a' } });
    expect(updated).toMatchObject({ outcome: 'updated', view: { id: viewId, title: { text: 'Updated' } } });
    answer = () => ({ body: { response_action: 'push', view: modal('Pushed') } });
    const pushed = await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'a' } });
    expect(pushed.outcome).toBe('pushed');
    expect(pushed.view?.previous_view_id).toBe(viewId);
    answer = () => ({});
    const closedTop = await emulator.submitView({ userId: 'U0ALICE', viewId: pushed.view!.id, values: { title: 'b' } });
    expect(closedTop).toMatchObject({ outcome: 'closed', view: { id: viewId } });
    answer = () => ({ body: { response_action: 'clear' } });
    expect((await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'c' } })).outcome).toBe('cleared');
    expect(emulator.workspace.views('U0ALICE').every((view) => !view.isOpen)).toBe(true);
  });

  it('reports failures Slack would show as a generic error', async () => {
    const viewId = await openModal();
    answer = () => ({ status: 500 });
    expect((await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'a' } })).outcome).toBe('failed');
    answer = () => ({ body: 'not json' });
    expect((await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'a' } })).outcome).toBe('failed');
    answer = () => ({ body: { response_action: 'update', view: modal('x'.repeat(30)) } });
    expect((await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'a' } })).problem).toMatch(/title/);
    expect(emulator.workspace.view(viewId)?.isOpen).toBe(true);
  });

  it('sends view_closed when the view asks for it', async () => {
    const viewId = await openModal(modal('Notify', { notify_on_close: true }));
    const closed = await emulator.closeView({ userId: 'U0ALICE', viewId });
    expect(closed?.status).toBe(200);
    expect(app.last().body).toMatchObject({ type: 'view_closed', view: { id: viewId }, is_cleared: false });
    expect(emulator.workspace.view(viewId)?.isOpen).toBe(false);
  });
});
