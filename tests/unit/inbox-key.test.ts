import { describe, expect, it } from 'vitest';
import { inboxKeyOf } from '../../src/slack/parse/inbox-key.ts';

const command = (text: string) => ({ team_id: 'T1', command: '/incident', text, trigger_id: '123.456.abc' });

describe('which requests are stored, under which key', () => {
  it('keys events on event_id, commands on trigger_id, clicks on trigger_id + action', () => {
    expect(inboxKeyOf({ team_id: 'T1', type: 'event_callback', event_id: 'Ev1' })).toEqual({
      teamId: 'T1',
      dedupeKey: 'event:Ev1',
      kind: 'event',
    });
    expect(inboxKeyOf(command('declare sev1 Checkout down'))).toEqual({
      teamId: 'T1',
      dedupeKey: 'command:123.456.abc',
      kind: 'command',
    });
    expect(
      inboxKeyOf({
        type: 'block_actions',
        team: { id: 'T1' },
        trigger_id: 't9',
        actions: [{ action_id: 'card.resolve', action_ts: '17.1' }],
      }),
    ).toEqual({
      teamId: 'T1',
      dedupeKey: 'action:t9:card.resolve:17.1',
      kind: 'block_actions',
    });
  });

  it('keys a view submission on its values too: a corrected form is a new submission, a double click is not', () => {
    const view = (value: string) => ({
      type: 'view_submission',
      team: { id: 'T1' },
      view: { id: 'V1', hash: 'h1', state: { values: { title: { title: { value } } } } },
    });
    expect(inboxKeyOf(view('a'))).toEqual(inboxKeyOf(view('a')));
    expect(inboxKeyOf(view('a'))?.dedupeKey).not.toBe(inboxKeyOf(view('b'))?.dedupeKey);
  });

  it('does not store /incident help, whatever its case or spacing, nor requests without a workspace', () => {
    expect(inboxKeyOf(command('help'))).toBeUndefined();
    expect(inboxKeyOf(command('  HELP  '))).toBeUndefined();
    expect(inboxKeyOf(command('helpers are here'))).toBeDefined();
    expect(inboxKeyOf({ type: 'event_callback', event_id: 'Ev1' })).toBeUndefined();
  });
});
