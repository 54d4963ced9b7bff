/**
 * Error type thrown by Web API method handlers; the server turns it into `{ ok: false, error, ...extra }`
 * with HTTP 200, like Slack.
 */
export class SlackApiError extends Error {
  /** Slack's error code, e.g. `channel_not_found`. */
  readonly code: string;
  /** Extra top-level response fields (e.g. `response_metadata`). */
  readonly extra: Record<string, unknown>;

  constructor(code: string, extra: Record<string, unknown> = {}) {
    super(code);
    this.name = 'SlackApiError';
    this.code = code;
    this.extra = extra;
  }
}

/** Throws `invalid_arguments` with Slack-style `response_metadata.messages`. */
export function invalidArguments(messages: string[]): never {
  throw new SlackApiError('invalid_arguments', { response_metadata: { messages } });
}
