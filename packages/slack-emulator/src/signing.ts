/** Slack request signing (v0): `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`). */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Computes the `X-Slack-Signature` value for a raw request body. */
export function signSlackRequest(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Verifies a signature the way an app must: constant-time comparison, timestamp at most
 * `toleranceSeconds` (default 300) away from `nowSeconds`.
 */
export function verifySlackSignature(opts: {
  signingSecret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  if (opts.signature === undefined || opts.timestamp === undefined) return false;
  const timestamp = Number(opts.timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(opts.nowSeconds - timestamp) > (opts.toleranceSeconds ?? 300))
    return false;
  const expected = Buffer.from(signSlackRequest(opts.signingSecret, opts.timestamp, opts.rawBody));
  const actual = Buffer.from(opts.signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
