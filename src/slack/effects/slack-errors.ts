import { PermanentEffectError, RetryableEffectError } from '../../outbox/index.ts';

type SlackCallError = Error & { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };

// Slack answered ok:false with one of these: it did not do the call, and may later.
const transientPlatformErrors = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** The Slack error code of an ok:false answer, if that is what this is. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as SlackCallError;
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
}

/** Turns a Web API failure into an outbox decision: wait and retry (noting doubt), or give up. */
export function toEffectError(error: unknown): Error {
  if (error instanceof RetryableEffectError || error instanceof PermanentEffectError) return error;
  const e = error as SlackCallError;
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return new RetryableEffectError('Slack rate limited the call', {
        retryAfterMs: (e.retryAfter ?? 1) * 1000,
        uncertain: false,
      });
    case 'slack_webapi_http_error':
      // A 5xx may come from a proxy after Slack did the work; a 4xx did nothing.
      return (e.statusCode ?? 500) >= 500
        ? new RetryableEffectError(`Slack answered HTTP ${e.statusCode}`, { uncertain: true })
        : new PermanentEffectError(`Slack answered HTTP ${e.statusCode}`);
    case 'slack_webapi_request_error':
      return new RetryableEffectError(`Slack unreachable or timed out: ${e.message}`, { uncertain: true });
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown';
      return transientPlatformErrors.has(code)
        ? new RetryableEffectError(`Slack error ${code}`, { uncertain: false })
        : new PermanentEffectError(`Slack error ${code}`);
    }
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}
