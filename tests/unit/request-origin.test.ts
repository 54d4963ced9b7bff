import { describe, expect, it } from 'vitest';
import { unservableRequest } from '../../src/slack/request-origin.ts';

const team = 'T0FIREBRK';
const command = {
  team_id: team,
  user_id: 'U0ALICE',
  channel_id: 'C0GENERAL',
  command: '/incident',
  text: 'roles',
  trigger_id: '1.2.3',
  response_url: 'https://hooks.slack.com/commands/x',
};
const click = {
  type: 'block_actions',
  team: { id: team },
  user: { id: 'U0ALICE', team_id: team },
  trigger_id: '1.2.3',
  container: { type: 'message' },
  response_url: 'https://hooks.slack.com/actions/x',
  actions: [],
};

describe('a request this installation cannot serve', () => {
  it('serves what Slack sends from the bot token’s workspace', () => {
    expect(unservableRequest(command, team)).toBeUndefined();
    expect(unservableRequest(click, team)).toBeUndefined();
    expect(
      unservableRequest({ type: 'event_callback', team_id: team, event: { type: 'message' } }, team),
    ).toBeUndefined();
  });

  it.each([
    [
      'a command from another workspace',
      { ...command, team_id: 'T0OTHER' },
      "from another workspace than the bot token's",
    ],
    [
      'a click from another workspace',
      { ...click, team: { id: 'T0OTHER' } },
      "from another workspace than the bot token's",
    ],
    [
      'an event from another workspace',
      { type: 'event_callback', team_id: 'T0OTHER' },
      "from another workspace than the bot token's",
    ],
    ['a request naming no workspace', { ...command, team_id: undefined }, 'no workspace id in the request'],
    ['a command with its text twice', { ...command, text: ['a', 'b'] }, 'command fields that are not one string: text'],
    ['a command without user_id', { ...command, user_id: undefined }, 'a command without user_id'],
    ['a command without response_url', { ...command, response_url: '' }, 'a command without response_url'],
    ['a click without user', { ...click, user: undefined, team: { id: team } }, 'an interaction without user.id'],
    ['a click without trigger_id', { ...click, trigger_id: undefined }, 'block_actions without trigger_id'],
    [
      'a click on a message without response_url',
      { ...click, response_url: undefined },
      'block_actions on a message without response_url',
    ],
  ])('refuses %s', (_, body, cause) => {
    expect(unservableRequest(body as Record<string, unknown>, team)).toBe(cause);
  });

  it('does not check the workspace of an org-wide install, nor without a known bot workspace', () => {
    expect(unservableRequest({ ...command, team_id: 'T0OTHER', is_enterprise_install: 'true' }, team)).toBeUndefined();
    expect(unservableRequest({ ...command, team_id: 'T0OTHER' }, undefined)).toBeUndefined();
  });

  it('needs no response_url for a click in a modal or the Home tab', () => {
    expect(unservableRequest({ ...click, container: { type: 'view' }, response_url: undefined }, team)).toBeUndefined();
  });
});
