import webApi, { type WebClient as WebClientType } from '@slack/web-api';
import type { Logger } from 'pino';

const { WebClient, LogLevel } = webApi;
export type SlackClient = WebClientType;

/**
 * A Web API client that fails fast instead of queueing: no hidden retries (a retried call that had
 * succeeded would post twice), a timeout, and 429s surfaced so the outbox can wait them out.
 */
export function createSlackClient(options: {
  token: string;
  apiUrl: string;
  logger: Logger;
  timeoutMs?: number;
}): SlackClient {
  return new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    timeout: options.timeoutMs ?? 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    logger: slackLoggerAdapter(options.logger),
  });
}

/** Routes the SDK's log lines into pino (which redacts tokens). */
export function slackLoggerAdapter(logger: Logger) {
  let level = LogLevel.ERROR;
  const child = logger.child({ component: 'slack-sdk' });
  return {
    // Bolt logs several debug lines per request: format them only when someone will read them.
    debug: (...msg: unknown[]) => child.isLevelEnabled('debug') && child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.isLevelEnabled('info') && child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: (next: typeof level) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
