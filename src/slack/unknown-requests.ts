import type { Logger } from 'pino';
import type { Copy } from '../platform/copy.ts';
import type { Unmatched } from './listener-router.ts';

/** Past this many distinct unknown ids, new ones are no longer remembered or logged (ids are the sender's choice). */
const maxRemembered = 1000;

/**
 * Acknowledges a request no listener takes (a button of an old message, a retired form, a forged id)
 * and logs it at warn once per kind and id, so a flood of the same click is one line; Slack would
 * otherwise show the person an error after 3 seconds, and Bolt log one error line per request.
 */
export function ignoreUnknownRequests(logger: Logger, copy: Copy): Unmatched {
  const seen = new Set<string>();
  const noteOnce = (kind: string, id: string) => {
    const key = `${kind}:${id}`;
    if (seen.has(key) || seen.size > maxRemembered) return;
    seen.add(key);
    if (seen.size > maxRemembered)
      logger.warn(
        { kind, id, remembered: maxRemembered },
        'unknown requests: too many distinct ids; no more will be logged',
      );
    else
      logger.warn(
        { kind, id },
        'unknown request acknowledged and ignored: no listener for this id (logged once per id)',
      );
  };
  return async ({ kind, id, cause }, { ack, respond }) => {
    await ack();
    if (!cause) return noteOnce(kind, id);
    // Not an old button but a request no listener could read: the person hears so, as for any unreadable click.
    logger.warn({ kind, cause }, 'request refused: its payload could not be read');
    await respond?.({
      response_type: 'ephemeral',
      text: copy.render('errors.malformed_payload', { what: 'button' }),
    }).catch((error: unknown) => logger.warn({ err: error, kind }, 'cannot tell the person what went wrong'));
  };
}
