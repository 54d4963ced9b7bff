import webApi, { type WebAPICallResult, type WebClientOptions, type WebClient as WebClientType } from '@slack/web-api';
import type { Logger } from 'pino';
import { awaitTurn, noteRateLimited, type PostingPace, pacedMethods } from './posting-pace.ts';

const { WebClient, LogLevel } = webApi;
export type SlackClient = WebClientType;

type SlackCallError = Error & { code?: string; retryAfter?: number };

/**
 * A WebClient whose every call passes through `apiCall`, including `client.chat.postMessage(…)`: the
 * SDK binds those methods to `this.apiCall` when constructed, so overriding it here covers them all.
 */
class PacedWebClient extends WebClient {
  constructor(
    token: string,
    options: WebClientOptions,
    private readonly pace: PostingPace,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const posting = pacedMethods.has(method);
    // Posting is limited per channel too; every other method per workspace only.
    const channel = posting && typeof options?.channel === 'string' ? options.channel : '';
    const pacer = posting ? this.pace.pacer : this.pace.methods?.pacerFor(method);
    if (pacer) await awaitTurn(this.pace, pacer, method, channel);
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      const e = error as SlackCallError;
      if (e?.code === 'slack_webapi_rate_limited_error') {
        this.pace.onRateLimited?.(method);
        // Retry-After holds every call of this method in the process, not only the refused one.
        if (pacer) noteRateLimited(this.pace, channel, e.retryAfter ?? 1, pacer);
      }
      throw error;
    }
  }
}

/**
 * A Web API client that fails fast instead of queueing: no hidden retries (a retried call that had
 * succeeded would post twice), a timeout, and 429s surfaced so the outbox can wait them out. With
 * `pace`, message posting (and, with `pace.methods`, every method) waits for its turn within Slack's limits,
 * and a 429 holds the team's calls of that method for its Retry-After.
 */
export function createSlackClient(options: {
  token: string;
  apiUrl: string;
  logger: Logger;
  timeoutMs?: number;
  pace?: PostingPace;
}): SlackClient {
  const clientOptions: WebClientOptions = {
    slackApiUrl: options.apiUrl,
    timeout: options.timeoutMs ?? 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    logger: slackLoggerAdapter(options.logger),
  };
  return options.pace
    ? new PacedWebClient(options.token, clientOptions, options.pace)
    : new WebClient(options.token, clientOptions);
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
