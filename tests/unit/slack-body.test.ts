import { describe, expect, it } from 'vitest';
import { requestKindOf } from '../../src/slack/request-metrics.ts';
import { checkSlackBodyShape, sanitiseSlackBody } from '../../src/slack/slack-body.ts';

const form = 'application/x-www-form-urlencoded';
const json = 'application/json';

describe('the shape of a Slack request body', () => {
  it.each([
    ['payload=null', form, 'not null'],
    ['payload=42', form, 'not a number'],
    ['null', json, 'not null'],
    ['[]', json, 'not an array'],
    ['"x"', json, 'not a string'],
  ])('refuses %s (%s): %s', (raw, contentType, says) => {
    expect(checkSlackBodyShape(Buffer.from(raw), contentType)).toEqual({
      ok: false,
      reason: `the request body must be a JSON object, ${says}`,
    });
  });

  it.each([
    ['command=%2Fincident&text=help', form],
    ['payload=%7B%22type%22%3A%22block_actions%22%7D', form],
    ['{"type":"event_callback"}', json],
    ['ssl_check=1', form],
  ])('takes %s', (raw, contentType) => {
    expect(checkSlackBodyShape(Buffer.from(raw), contentType)).toMatchObject({ ok: true, parsed: expect.any(Object) });
  });

  it('leaves JSON that does not parse to Bolt, which answers it 400 itself', () => {
    expect(checkSlackBodyShape(Buffer.from('{not json'), json)).toEqual({ ok: true });
  });
});

describe('sanitising a parsed body', () => {
  it('replaces NUL and unpaired surrogates in strings and keys at any depth with U+FFFD', () => {
    const body = { text: 'a\u0000b', event: { blocks: [{ text: '\uD800x' }, 'y\uDC00'], 'k\u0000': 1 } };
    expect(sanitiseSlackBody(body)).toEqual({
      text: 'a\uFFFDb',
      event: { blocks: [{ text: '\uFFFDx' }, 'y\uFFFD'], 'k\uFFFD': 1 },
    });
  });

  it('returns what is not an object as it is', () => {
    expect([null, 42, 'a\u0000'].map((value) => sanitiseSlackBody(value))).toEqual([null, 42, 'a\u0000']);
  });

  it('keeps surrogate pairs, other control characters and non-strings as they are', () => {
    const body = { text: 'fire 🔥\ttab\u0001', n: 1, yes: true, none: null };
    expect(sanitiseSlackBody(structuredClone(body))).toEqual(body);
  });
});

describe('the kind a request is counted under', () => {
  it.each([
    [{ command: '/incident', text: 'help' }, 'command'],
    [{ ssl_check: '1' }, 'ssl_check'],
    [{ type: 'url_verification', challenge: 'x' }, 'url_verification'],
    [{ type: 'view_closed' }, 'view_closed'],
    [{ type: 'event_callback', event: { type: 'reaction_added' } }, 'event:reaction_added'],
    [{ type: 'event_callback', event: { type: 'U0ALICE; DROP' } }, 'event:other'],
    [{ type: 'anything_else' }, 'other'],
  ])('%j counts as %s', (body, kind) => {
    expect(requestKindOf(body)).toBe(kind);
  });
});
