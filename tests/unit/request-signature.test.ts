import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSlackSignature } from '../../src/slack/request-signature.ts';

const signingSecret = 'test-signing-secret';
const nowMs = 1_795_600_000_000;
const sign = (timestamp: number, body: string, secret = signingSecret) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

function check(body: string, headers: Record<string, string | undefined>) {
  return checkSlackSignature({ signingSecret, headers, body: Buffer.from(body), nowMs });
}

describe('Slack request signatures', () => {
  const body = '{"type":"event_callback","event_id":"Ev1"}';
  const timestamp = nowMs / 1000;

  it('accepts a request signed with the secret within five minutes, either way', () => {
    expect(
      check(body, { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(timestamp, body) }).ok,
    ).toBe(true);
    expect(
      check(body, {
        'x-slack-request-timestamp': String(timestamp - 299),
        'x-slack-signature': sign(timestamp - 299, body),
      }).ok,
    ).toBe(true);
    expect(
      check(body, {
        'x-slack-request-timestamp': String(timestamp + 299),
        'x-slack-signature': sign(timestamp + 299, body),
      }).ok,
    ).toBe(true);
  });

  it('refuses, saying why: another secret, a changed body, an old or future or missing timestamp, another version or length', () => {
    const reason = (result: ReturnType<typeof check>) => (result.ok ? 'accepted' : result.reason);
    expect(
      reason(
        check(body, {
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(timestamp, body, 'other'),
        }),
      ),
    ).toBe('signature mismatch');
    expect(
      reason(
        check(`${body} `, {
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(timestamp, body),
        }),
      ),
    ).toBe('signature mismatch');
    expect(
      reason(
        check(body, {
          'x-slack-request-timestamp': String(timestamp - 301),
          'x-slack-signature': sign(timestamp - 301, body),
        }),
      ),
    ).toMatch(/five minutes/);
    expect(
      reason(
        check(body, {
          'x-slack-request-timestamp': String(timestamp + 301),
          'x-slack-signature': sign(timestamp + 301, body),
        }),
      ),
    ).toMatch(/five minutes/);
    expect(
      reason(check(body, { 'x-slack-request-timestamp': 'soon', 'x-slack-signature': sign(timestamp, body) })),
    ).toMatch(/not a number/);
    expect(reason(check(body, { 'x-slack-signature': sign(timestamp, body) }))).toMatch(/missing/);
    expect(
      reason(
        check(body, {
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(timestamp, body).replace('v0=', 'v1='),
        }),
      ),
    ).toMatch(/version/);
    expect(
      reason(
        check(body, {
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': `${sign(timestamp, body)}00`,
        }),
      ),
    ).toBe('signature mismatch');
  });

  it('lets an unsigned ssl_check through reduced to ssl_check=1, and nothing else unsigned', () => {
    const sslCheck = check('ssl_check=1&token=x&payload=%7B%22smuggled%22%3Atrue%7D', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(sslCheck).toEqual({ ok: true, body: Buffer.from('ssl_check=1') });
    expect(check('command=%2Fincident&text=help', { 'content-type': 'application/x-www-form-urlencoded' }).ok).toBe(
      false,
    );
  });
});
