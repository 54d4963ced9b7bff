import type { ReceiverEvent } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Logger } from 'pino';
import type { Copy } from '../platform/copy.ts';
import { lateAnswerMessage } from './blocks/late-answer.ts';
import type { PostToResponseUrl } from './response-url.ts';

type AckBody = { text?: unknown; blocks?: unknown } | string | undefined;

/**
 * The one answer a person waiting on a slash command gets within Slack's 3 seconds, and what follows
 * it. The listener's acknowledgement is that answer when it comes in time; when Firebreak had to answer
 * first (the database was slow or away), the listener's answer goes to response_url, marked as late,
 * so the person learns the outcome instead of retyping and doubling it.
 */
export class RequestAnswer {
  private answered: boolean;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      ack: ReceiverEvent['ack'];
      responseUrl: string | undefined;
      copy: Copy;
      logger: Logger;
      post: PostToResponseUrl;
      /** Slack stopped waiting already (a replay): every answer goes to response_url. */
      late?: boolean;
    },
  ) {
    this.answered = options.late ?? false;
  }

  /** The acknowledgement the listeners get: Slack's answer if none went yet, else a late message through response_url. */
  readonly listenerAck = async (response?: AckBody): Promise<void> => {
    if (!this.answered) {
      this.answered = true;
      this.cancelTimer();
      await this.options.ack(response as never);
      return;
    }
    const body = typeof response === 'string' ? { text: response } : response;
    if (!body || (typeof body.text !== 'string' && !Array.isArray(body.blocks))) return;
    await this.tell(
      lateAnswerMessage(this.options.copy, {
        ...(typeof body.text === 'string' ? { text: body.text } : {}),
        ...(Array.isArray(body.blocks) ? { blocks: body.blocks as KnownBlock[] } : {}),
      }),
    );
  };

  /** Answers with the message `key` now, unless an answer went already; true when this was the answer. */
  async answerNow(key: string, values: Record<string, unknown> = {}): Promise<boolean> {
    if (this.answered) return false;
    this.answered = true;
    this.cancelTimer();
    await this.options.ack({ response_type: 'ephemeral', text: this.options.copy.render(key, values) } as never);
    return true;
  }

  /** Answers with the message `key` after `ms` unless the listener answered first. */
  answerAfter(ms: number, key: string): void {
    if (this.answered) return;
    this.cancelTimer();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.answerNow(key).catch((error: unknown) =>
          this.options.logger.warn({ err: error }, 'cannot acknowledge a slow request'),
        );
      },
      Math.max(0, ms),
    );
  }

  /** Tells the person the message `key` after the acknowledgement, through response_url. */
  async tellLater(key: string, values: Record<string, unknown> = {}): Promise<void> {
    await this.tell({
      response_type: 'ephemeral',
      replace_original: false,
      text: this.options.copy.render(key, values),
    });
  }

  /** Stops waiting to answer (the request is over). */
  cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async tell(body: Record<string, unknown>): Promise<void> {
    if (!this.options.responseUrl) return;
    try {
      await this.options.post(this.options.responseUrl, body);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'cannot send a late answer to response_url');
    }
  }
}
