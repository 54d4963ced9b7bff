import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/platform/errors.ts';
import { redactSecrets } from '../../src/platform/secrets.ts';
import { parseMessageEvent } from '../../src/slack/parse/timeline-events.ts';
import {
  foldTimeline,
  parseMilestoneArgs,
  parseNoteText,
  plainSlackText,
  type TimelineEntry,
  timelineCsv,
  timelineMarkdown,
} from '../../src/timeline/index.ts';

describe('redactSecrets', () => {
  it.each([
    ['token xoxb-1234-5678-abcdef here', 'token [REDACTED] here', 'slack_token'],
    ['app xapp-1-A0-123-abcdef', 'app [REDACTED]', 'slack_token'],
    ['user xoxp-99999-abcdef', 'user [REDACTED]', 'slack_token'],
    ['key AKIAIOSFODNN7EXAMPLE', 'key [REDACTED]', 'aws_access_key'],
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [REDACTED]',
      'aws_secret_key',
    ],
    ['postgres://admin:hunter2@db:5432/x', 'postgres://admin:[REDACTED]@db:5432/x', 'url_password'],
    ['Authorization: Bearer abcdef123456789', 'Authorization: Bearer [REDACTED]', 'bearer_token'],
    ['password=letmein', 'password=[REDACTED]', 'password'],
    ['api_key: "abc123"', 'api_key: "[REDACTED]"', 'password'],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nafter',
      '[REDACTED PRIVATE KEY]\nafter',
      'private_key',
    ],
  ])('redacts %s', (input, output, kind) => {
    expect(redactSecrets(input)).toEqual({ text: output, kinds: [kind] });
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('see https://example.com/a and the password policy')).toEqual({
      text: 'see https://example.com/a and the password policy',
      kinds: [],
    });
  });
});

describe('parseNoteText', () => {
  const now = new Date('2026-11-25T20:00:00Z');
  const timeZone = 'Europe/Berlin';
  it('reads type and back-dating in the incident timezone', () => {
    expect(parseNoteText('at 14:05 decision: roll back', { now, timeZone })).toEqual({
      at: new Date('2026-11-25T13:05:00Z'),
      noteType: 'decision',
      text: 'roll back',
    });
    expect(parseNoteText('yesterday 23:50 saw it', { now, timeZone })).toEqual({
      at: new Date('2026-11-24T22:50:00Z'),
      noteType: undefined,
      text: 'saw it',
    });
    expect(parseNoteText('HYPOTHESIS: dns', { now, timeZone })).toEqual({
      at: undefined,
      noteType: 'hypothesis',
      text: 'dns',
    });
  });
  it('refuses future times and empty notes, saying what to type', () => {
    expect(() => parseNoteText('at 23:00 later', { now, timeZone })).toThrow(/in the future/);
    expect(() => parseNoteText('decision:', { now, timeZone })).toThrow(/Write the note/);
    try {
      parseNoteText('at 99:00 x', { now, timeZone });
    } catch (error) {
      expect(isDomainError(error)).toBe(true);
    }
  });
  it('takes a bare time not yet reached today as last night, just after midnight', () => {
    const justAfterMidnight = new Date('2026-11-25T23:10:00Z'); // 00:10 on the 26th in Berlin
    expect(parseNoteText('at 23:55 paged the DB team', { now: justAfterMidnight, timeZone }).at).toEqual(
      new Date('2026-11-25T22:55:00Z'),
    );
    expect(parseNoteText('00:05 rollback done', { now: justAfterMidnight, timeZone }).at).toEqual(
      new Date('2026-11-25T23:05:00Z'),
    );
    // More than 12 hours back is more likely a typo than yesterday: still refused.
    expect(() => parseNoteText('at 11:00 later', { now: justAfterMidnight, timeZone })).toThrow(/in the future/);
  });
  it('handles a DST change for yesterday', () => {
    const afterChange = new Date('2026-03-29T12:00:00Z');
    expect(parseNoteText('yesterday 12:00 x', { now: afterChange, timeZone }).at).toEqual(
      new Date('2026-03-28T11:00:00Z'),
    );
  });
});

describe('parseMilestoneArgs', () => {
  const now = new Date('2026-11-25T20:00:00Z');
  it('reads a milestone and a time', () => {
    expect(parseMilestoneArgs('started 13:52', { now, timeZone: 'UTC' })).toEqual({
      name: 'started',
      at: new Date('2026-11-25T13:52:00Z'),
    });
    expect(() => parseMilestoneArgs('begun 13:52', { now, timeZone: 'UTC' })).toThrow(/not a milestone/);
    expect(() => parseMilestoneArgs('started', { now, timeZone: 'UTC' })).toThrow(/Give the time/);
  });
});

function entry(
  id: number,
  kind: string,
  slackTs: string | null,
  data: Record<string, unknown>,
  text = '',
  actorId: string | null = 'U1',
): TimelineEntry {
  const ts = String(data.eventTs ?? slackTs ?? '1700000000');
  return {
    id,
    teamId: 'T',
    incidentId: 1,
    kind,
    occurredAt: new Date(Number(ts) * 1000),
    slackTs,
    actorId,
    text,
    data,
    sourceKey: `k${id}`,
    createdAt: new Date(),
  };
}

describe('foldTimeline', () => {
  it('folds versions, deletes and flags whatever order they arrived in', () => {
    const c = 'C1';
    const folded = foldTimeline([
      entry(1, 'key_flag', '100.1', { channelId: c, eventTs: '130.1', via: 'reaction', on: false }),
      entry(2, 'message_edited', '100.1', { channelId: c, eventTs: '110.1', previousText: 'v1' }, 'v2'),
      entry(3, 'key_flag', '100.1', { channelId: c, eventTs: '120.1', via: 'reaction', on: true }),
      entry(4, 'message', '100.1', { channelId: c, eventTs: '100.1' }, 'v1'),
      entry(5, 'message', '90.1', { channelId: c, eventTs: '90.1' }, 'gone'),
      entry(6, 'message_deleted', '90.1', { channelId: c, eventTs: '95.1' }),
      entry(7, 'note', null, { noteType: 'decision', eventTs: '95.5' }, 'ship it'),
    ]);
    expect(folded.map((i) => [i.kind, i.text, i.previousTexts, i.deleted, i.key])).toEqual([
      ['message', 'gone', [], true, false],
      ['note', 'ship it', [], false, true],
      ['message', 'v2', ['v1'], false, false],
    ]);
  });
});

describe('Slack text', () => {
  it('shows mentions as names and unescapes entities', () => {
    expect(plainSlackText('<@U1> see <https://a.io|dash> &lt;b&gt; <#C1|ops>', new Map([['U1', 'alice']]))).toBe(
      '@alice see dash (https://a.io) <b> #ops',
    );
  });
  it('defuses spreadsheet formulas in the CSV', () => {
    const csv = timelineCsv(
      foldTimeline([entry(1, 'message', '1.1', { channelId: 'C', eventTs: '1.1' }, '=HYPERLINK("x")')]),
      { ref: 'INC-1', title: 't', timeZone: 'UTC', names: new Map() },
    );
    expect(csv.split('\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
  it('names kinds in words and Firebreak as itself in both exports, keeping the CSV kind column stable', () => {
    const items = foldTimeline([
      entry(1, 'role_assigned', null, { eventTs: '1.1' }, '<@U1> is commander', 'U1'),
      entry(2, 'channel_created', null, { eventTs: '1.2' }, 'Channel created', 'UBOT'),
      entry(3, 'secret_redacted', null, { eventTs: '1.3' }, 'Redacted a token', null),
    ]);
    const context = {
      ref: 'INC-1',
      title: 't',
      timeZone: 'UTC',
      names: new Map([['UBOT', 'firebreak']]),
      botUserId: 'UBOT',
    };
    const markdown = timelineMarkdown(items, { ...context, names: new Map([...context.names, ['U1', 'alice']]) });
    expect(markdown).toContain('_role assigned_ · alice: @alice is commander');
    expect(markdown).toContain('_channel created_ · Firebreak: Channel created');
    expect(markdown).toContain('_secret redacted_ · Firebreak: Redacted a token');
    expect(markdown).not.toMatch(/_[a-z]+_[a-z]+_/);
    const rows = timelineCsv(items, context).trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(',').slice(1, 6))).toEqual([
      ['role_assigned', '', 'role assigned', 'U1', 'U1'],
      ['channel_created', '', 'channel created', 'UBOT', 'Firebreak'],
      ['secret_redacted', '', 'secret redacted', '', 'Firebreak'],
    ]);
  });
  it('keeps Markdown in the title, notes, names and file names of the export inert', () => {
    const hostile = '# hi [x](http://evil) ![i](http://t) <img src=x> **b** `c` | ~~s~~';
    const inert = '# hi [x\\](http://evil) ![i\\](http://t) \\<img src=x\\> \\*\\*b\\*\\* \\`c\\` | \\~\\~s\\~\\~';
    // Slack's own <…> markup in a message is read by plainSlackText first; what it leaves is escaped.
    const note = hostile.replace(' <img src=x>', '');
    const items = foldTimeline([
      entry(
        1,
        'note',
        null,
        { eventTs: '1.1', files: [{ name: '[f](http://evil)', permalink: 'https://x.slack.com/f) ![i](http://t' }] },
        `${note}\n# second line`,
        'U1',
      ),
    ]);
    const markdown = timelineMarkdown(items, {
      ref: 'INC-1',
      title: hostile,
      timeZone: 'UTC',
      names: new Map([['U1', '_eve_ [a](http://evil)']]),
    });
    const lines = markdown.split('\n');
    expect(lines[0]).toBe(`# INC-1 timeline: ${inert}`);
    expect(lines[4]).toContain(
      `· \\_eve\\_ [a\\](http://evil): ${inert.replace(' \\<img src=x\\>', '')} # second line`,
    );
    expect(lines[4]).toContain(' [[f\\](http://evil)](https://x.slack.com/f%29%20%21%5Bi%5D%28http://t)');
    // Only the export's own heading starts a line with #; no unescaped [ opens a link or image.
    expect(markdown.match(/^#/gm)).toHaveLength(1);
    // Every ] that could close a link or image is escaped, but the file link's own.
    expect(markdown.match(/[^\\]\]\(/g)).toEqual([')](']);
  });
});

describe('parseMessageEvent', () => {
  it('tells messages, edits, deletes and bot chatter apart', () => {
    expect(parseMessageEvent({ type: 'message', channel: 'C', ts: '1.1', user: 'U', text: 'hi' })).toMatchObject({
      kind: 'message',
      text: 'hi',
    });
    expect(
      parseMessageEvent({ type: 'message', subtype: 'bot_message', channel: 'C', ts: '1.1', bot_id: 'B', text: 'hi' }),
    ).toEqual({ kind: 'ignored' });
    expect(parseMessageEvent({ type: 'message', channel: 'C', ts: '1.1', user: 'U', bot_id: 'B', text: 'hi' })).toEqual(
      { kind: 'ignored' },
    );
    expect(
      parseMessageEvent({
        type: 'message',
        subtype: 'message_changed',
        channel: 'C',
        ts: '2.1',
        message: { ts: '1.1', user: 'U', text: 'unfurled' },
      }),
    ).toEqual({ kind: 'ignored' });
    expect(
      parseMessageEvent({ type: 'message', subtype: 'message_deleted', channel: 'C', ts: '3.1', deleted_ts: '1.1' }),
    ).toEqual({ kind: 'delete', channelId: 'C', ts: '1.1', eventTs: '3.1' });
  });
});
