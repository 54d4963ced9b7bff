import type { View } from '@slack/types';
import { ZodError } from 'zod';
import { escapeMrkdwn } from '../../platform/copy.ts';
import { describeDbFailure, isDatabaseDown } from '../../platform/db-errors.ts';
import { isDomainError } from '../../platform/errors.ts';
import { noticeModal } from '../blocks/modal.ts';
import { slackErrorCode } from '../effects/slack-errors.ts';
import type { SlackServices } from '../services.ts';

/** What a person was using when it failed, as the notice names it. */
export type Surface = 'command' | 'button' | 'form' | 'shortcut' | 'event';

/** A payload Slack delivered that does not have the shape its listener expects (edited, stale or forged). */
export function isMalformedPayload(error: unknown): boolean {
  return (
    error instanceof ZodError ||
    error instanceof SyntaxError ||
    (isDomainError(error) && error.code === 'payload.malformed')
  );
}

// Slack's answers when the surface a listener answers on is gone: the modal was closed (or never was),
// its trigger_id expired or was used. Asking again cannot succeed, so the request is not replayed.
const goneSurfaceErrors = new Set([
  'not_found',
  'hash_conflict',
  'expired_trigger_id',
  'exchanged_trigger_id',
  'invalid_trigger_id',
]);

/** Slack refused to show something because the modal, trigger or response_url it was for no longer exists. */
export function isGoneSurface(error: unknown): boolean {
  return goneSurfaceErrors.has(slackErrorCode(error) ?? '') || isDeadResponseUrl(error);
}

// Bolt's respond() throws this for a response_url Slack no longer takes (expired after 30 minutes, or used
// five times): a 4xx. A 429 or 5xx may pass, so those stay failures to retry.
function isDeadResponseUrl(error: unknown): boolean {
  const e = error as { code?: string; statusCode?: number } | undefined;
  const status = e?.statusCode ?? 0;
  return e?.code === 'slack_bolt_respond_error' && status >= 400 && status < 500 && status !== 429;
}

/** Why Slack would not show it, for the log: its error code, or the response_url's HTTP status. */
function goneCause(error: unknown): string {
  const code = slackErrorCode(error) ?? `response_url answered ${(error as { statusCode?: number }).statusCode}`;
  return `Slack answered ${code}: the modal, trigger or response_url is gone`;
}

/**
 * The text a person is shown when a listener fails: a DomainError's own message; for a payload that
 * cannot be read, a notice saying nothing was saved; when the database is away, that the request was saved
 * and will be done once it is back (it was stored before the listener ran); otherwise the "our side" text
 * with a reference.
 * A refusal is logged at warn with its code; everything else at error with its cause (never the payload).
 */
export function failureText(
  services: SlackServices,
  error: unknown,
  context: { listener: string; surface: Surface },
): string {
  // A refusal may quote what the person typed ("<!channel>" is not a status): shown inert, never as markup.
  if (isDomainError(error) && error.code !== 'payload.malformed') {
    // The code says why (no such incident, not allowed now); the message may quote what was typed, so it stays out.
    services.logger.warn({ listener: context.listener, surface: context.surface, code: error.code }, 'request refused');
    return `:warning: ${error.format === 'mrkdwn' ? error.message : escapeMrkdwn(error.message)}`;
  }
  if (isMalformedPayload(error)) {
    services.logger.error(
      { listener: context.listener, cause: describeParseFailure(error) },
      'request refused: its payload could not be read',
    );
    return services.copy.render('errors.malformed_payload', { what: context.surface });
  }
  if (isGoneSurface(error)) {
    services.logger.warn(
      { listener: context.listener, cause: goneCause(error) },
      'request refused: what it was shown on is gone',
    );
    return services.copy.render('errors.surface_gone', { what: context.surface });
  }
  if (isDatabaseDown(error)) {
    // Every request a listener gets was stored first, and is replayed once the database is back.
    services.logger.warn(
      { listener: context.listener, cause: describeDbFailure(error) },
      'listener failed: database unreachable; the request will be replayed',
    );
    return services.copy.render('errors.database_away');
  }
  const reference = Date.now().toString(36);
  services.logger.error({ err: error, reference, listener: context.listener }, 'listener failed');
  return services.copy.render('errors.generic', { reference });
}

/** Whether the failure is one to retry (the inbox replays the request): not a refusal, not a bad payload. */
export function isUnexpected(error: unknown): boolean {
  return !isDomainError(error) && !isMalformedPayload(error) && !isGoneSurface(error);
}

/**
 * Runs a listener's work after its ack. A failure is told to the person through `tell` (its own text,
 * from failureText); refusals and unreadable payloads end there, anything else is thrown again for the
 * inbox to retry.
 */
export async function answeringFailures(
  services: SlackServices,
  context: { listener: string; surface: Surface },
  work: () => Promise<void>,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const text = failureText(services, error, context);
    await tell(text).catch((e: unknown) =>
      services.logger.warn({ err: e, listener: context.listener }, 'cannot tell the person what went wrong'),
    );
    if (isUnexpected(error)) throw error;
  }
}

/** A form answer replacing the modal with a notice (the form had no field the refusal belongs under). */
export function noticeAnswer(services: SlackServices, text: string): { response_action: 'update'; view: View } {
  return { response_action: 'update', view: noticeModal(services.copy, { titleKey: 'errors.notice_title', text }) };
}

// Zod's issues name the path and the expectation, not the value, so they are safe to log.
function describeParseFailure(error: unknown): string {
  if (error instanceof ZodError)
    return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  if (error instanceof SyntaxError) return `not JSON: ${error.message.replace(/"[^"]*"/g, '"…"')}`;
  return (error as Error).message;
}
