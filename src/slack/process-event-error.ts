import { HTTPModuleFunctions, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { RequestNotStoredError } from './inbox-gate.ts';

/**
 * Answers a request the inbox could not store with a 500, so that Slack delivers it again, and logs it once, as a
 * warning naming the database's failure. Any other error keeps Bolt's own handling.
 */
export async function answerProcessEventError(
  args: ReceiverProcessEventErrorHandlerArgs,
  logger: Logger,
): Promise<boolean> {
  const { error, response } = args;
  if (!(error instanceof RequestNotStoredError) || response.headersSent)
    return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  logger.warn({ cause: error.message }, 'request not stored: answered 500 so that Slack retries it');
  response.writeHead(500);
  response.end();
  // Counted as acknowledged: else Bolt's 3-second timer logs it as a listener that never called ack().
  return true;
}
