import { performance } from 'node:perf_hooks';
import type { ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import {
  claimInboxRowByKey,
  claimUnhandledInbox,
  InboxWriter,
  isInboxKeyStored,
  markInboxAttemptFailed,
} from '../inbox/index.ts';
import { AcknowledgementsFirst } from '../platform/acknowledgements-first.ts';
import type { Copy } from '../platform/copy.ts';
import type { Db } from '../platform/db.ts';
import { classifyDbFailure, describeDbFailure, isDatabaseDown } from '../platform/db-errors.ts';
import { settleWithin } from '../platform/deadline.ts';
import { ChannelEventWriter } from '../timeline/index.ts';
import { channelEventOf } from './parse/channel-event.ts';
import { type InboxKey, inboxKeyOf } from './parse/inbox-key.ts';
import { RequestAnswer } from './request-answer.ts';
import { noteRequestOutcome } from './request-metrics.ts';
import { unservableRequest } from './request-origin.ts';
import { type PostToResponseUrl, postToResponseUrl } from './response-url.ts';
import { sanitiseSlackBody, unroutableByBolt } from './slack-body.ts';

/** What the gate hands requests to once stored: Bolt's App, or a fake in tests. */
export type RequestProcessor = { processEvent(event: ReceiverEvent): Promise<void> };

export type InboxGateOptions = {
  app: RequestProcessor;
  /** Where handling is recorded and replays are claimed. */
  db: Db;
  /** Where incoming requests are stored before they are acknowledged (default `db`). */
  ackDb?: Db;
  logger: Logger;
  copy: Copy;
  /** The workspace of the bot token (auth.test): a request from another is acknowledged and dropped. */
  botTeamId?: string;
  acks?: AcknowledgementsFirst;
  /** How long the process that stores or takes over a request keeps it before another replica may (default 30 s). */
  leaseSeconds?: number;
  /** Longest wait for the inbox write before the person is answered without it (default 2 s of Slack's 3). */
  storeTimeoutMs?: number;
  /** When a stored command whose listener has not answered yet gets "saved, the result follows" (default 2.5 s). */
  holdAnswerMs?: number;
  post?: PostToResponseUrl;
};

const maxAttempts = 12;

/**
 * Stands between Bolt's receiver and the app: every request is stored before it is processed (and so
 * before it is acknowledged; `/incident help` excepted, see inboxKeyOf), a retry or double submission of
 * a handled request is acknowledged and dropped, a retry of one stored but not handled takes it over, and
 * requests left unhandled (a crash, a database outage) are replayed by `replayUnhandled`. A person waiting
 * on a command always hears within Slack's 3 seconds whether it was saved (see RequestAnswer). Channel
 * messages are stored with their timeline entry in one step (storedAsChannelEvent).
 */
export class InboxGate {
  private readonly writer: InboxWriter;
  private readonly channelEvents: ChannelEventWriter;
  private readonly acks: AcknowledgementsFirst;
  private readonly leaseSeconds: number;
  private readonly storeTimeoutMs: number;
  private readonly holdAnswerMs: number;

  constructor(private readonly options: InboxGateOptions) {
    const ackDb = options.ackDb ?? options.db;
    this.leaseSeconds = options.leaseSeconds ?? 30;
    this.storeTimeoutMs = options.storeTimeoutMs ?? 2000;
    this.holdAnswerMs = options.holdAnswerMs ?? 2500;
    this.acks = options.acks ?? new AcknowledgementsFirst();
    this.writer = new InboxWriter(ackDb, options.logger, { leaseSeconds: this.leaseSeconds });
    // Two batches in flight: one per connection of the inbox pool.
    this.channelEvents = new ChannelEventWriter(ackDb, {
      concurrency: 2,
      isolateAfter: (error) => !isDatabaseDown(error),
      onBatchFailed: (error, events) =>
        options.logger.warn(
          {
            cause: describeDbFailure(error),
            count: events.length,
            dedupeKeys: events.slice(0, 20).map((event) => event.dedupeKey),
          },
          'inbox: batched channel events failed',
        ),
    });
  }

  async processEvent(event: ReceiverEvent): Promise<void> {
    // Before anything stores it, on either transport: a NUL would fail every request in its group commit.
    sanitiseSlackBody(event.body);
    const unroutable = unroutableByBolt(event.body);
    if (unroutable) {
      this.options.logger.warn({ cause: unroutable }, 'request refused: its payload could not be read');
      await event.ack();
      return;
    }
    // Before it is stored: nothing a listener could do for it would be right (see unservableRequest).
    const unservable = unservableRequest(event.body, this.options.botTeamId);
    if (unservable) {
      this.options.logger.warn({ cause: unservable }, 'request refused: this installation cannot serve it');
      await event.ack();
      return;
    }
    const arrived = performance.now();
    const acknowledged = this.acks.received();
    try {
      if (await this.storedAsChannelEvent(event)) return;
      // What a listener does after acknowledging lets requests still waiting for theirs go first.
      const ack: ReceiverEvent['ack'] = async (response) => {
        try {
          await event.ack(response);
        } finally {
          acknowledged();
        }
        await this.acks.whenQuiet();
      };
      await this.receive({ ...event, ack }, arrived);
    } finally {
      acknowledged();
    }
  }

  /** Takes over requests no process finished whose lease ended (`now`: also those backing off after a failure) and runs them again; returns how many. */
  async replayUnhandled(options: { now?: boolean } = {}): Promise<number> {
    const rows = await claimUnhandledInbox(this.options.db, {
      leaseSeconds: this.leaseSeconds,
      maxAttempts,
      limit: 100,
      ...(options.now ? { now: true } : {}),
    });
    for (const row of rows) {
      this.options.logger.warn(
        { inboxId: row.id, kind: row.kind, attempts: row.attempts },
        'inbox: replaying a request left unhandled',
      );
      const body = row.payload as Record<string, unknown>;
      // Slack stopped waiting long ago: a person still learns the outcome, through response_url.
      const answer = this.answerFor(body, row.kind, async () => {}, { late: true });
      await this.run({ body, ack: answer?.listenerAck ?? (async () => {}) }, row.id, answer).catch((error: unknown) =>
        this.options.logger.error({ err: error, inboxId: row.id }, 'inbox: replay failed'),
      );
    }
    return rows.length;
  }

  private async receive(event: ReceiverEvent, arrived: number): Promise<void> {
    const key = inboxKeyOf(event.body);
    if (!key) return this.options.app.processEvent(event);
    const answer = this.answerFor(event.body, key.kind, event.ack);
    const storing = this.writer.insert({ ...key, payload: event.body });
    // Bounded, so the person hears something inside Slack's 3 seconds whatever the database does.
    const outcome = await settleWithin(storing, this.storeTimeoutMs - (performance.now() - arrived));
    if (outcome.state === 'resolved') {
      const id = outcome.value ?? (await this.takeOverRetry(key, event));
      if (id === undefined) return;
      answer?.answerAfter(this.holdAnswerMs - (performance.now() - arrived), 'inbox.saved_slow');
      return this.run({ ...event, ack: answer?.listenerAck ?? event.ack }, id, answer);
    }
    const failure = outcome.state === 'rejected' ? classifyDbFailure(outcome.error) : 'lost';
    noteRequestOutcome(event, 'not_stored');
    this.options.logger.warn(
      {
        dedupeKey: key.dedupeKey,
        failure,
        ...(outcome.state === 'rejected' ? { cause: describeDbFailure(outcome.error) } : {}),
      },
      'inbox: request not stored in time',
    );
    if (failure !== 'lost') {
      // The statement never ran, or the server refused it: nothing was stored, and saying so is true.
      if (answer)
        await answer.answerNow(failure === 'unreachable' ? 'inbox.unreachable' : 'inbox.refused', {
          reference: Date.now().toString(36),
        });
      else throw notStored(outcome.state === 'rejected' ? outcome.error : undefined);
      return;
    }
    // Unknown whether it is stored: say so now, and the outcome once the write (or a look-up) tells.
    if (answer) await answer.answerNow('inbox.unsure');
    void this.settleUnknown(storing, key, { ...event, ack: answer?.listenerAck ?? (async () => {}) }, answer);
    // Without a person to tell, Slack's retry is the way back (it is deduplicated or takes the row over).
    if (!answer) throw new RequestNotStoredError('inbox write did not finish in time');
  }

  /** A retry of a stored request: its id when it was not handled and this process now holds it; else acknowledged and dropped. */
  private async takeOverRetry(key: InboxKey, event: ReceiverEvent): Promise<number | undefined> {
    const id = await claimInboxRowByKey(this.options.db, {
      ...key,
      leaseSeconds: this.leaseSeconds,
      maxAttempts,
    }).catch((error: unknown) => {
      // Stored for sure (the key conflicted): a replay finishes it if it is not handled.
      this.options.logger.warn(
        { dedupeKey: key.dedupeKey, cause: describeDbFailure(error) },
        'inbox: cannot take over a retried request',
      );
      return undefined;
    });
    if (id !== undefined) {
      this.options.logger.info(
        { dedupeKey: key.dedupeKey, inboxId: id, retryNum: event.retryNum },
        'inbox: retry of an unhandled request taken over',
      );
      return id;
    }
    this.options.logger.info(
      { dedupeKey: key.dedupeKey, retryNum: event.retryNum },
      'inbox: duplicate delivery dropped',
    );
    noteRequestOutcome(event, 'duplicate');
    await event.ack();
    return undefined;
  }

  /** Runs a stored request through the listeners and records the outcome. */
  private async run(event: ReceiverEvent, id: number, answer: RequestAnswer | undefined): Promise<void> {
    try {
      await this.options.app.processEvent(event);
      await this.writer.markHandled(id);
    } catch (error) {
      // Handed back with a back-off; a replay runs it again (handling is idempotent).
      await markInboxAttemptFailed(this.options.db, { id, error: describeDbFailure(error).message }).catch(() => {});
      throw error;
    } finally {
      answer?.cancelTimer();
    }
  }

  /** After "cannot tell whether it was saved": the write's own outcome, or once it is lost, a look-up, decides what the person is told. */
  private async settleUnknown(
    storing: Promise<number | undefined>,
    key: InboxKey,
    event: ReceiverEvent,
    answer: RequestAnswer | undefined,
  ): Promise<void> {
    const { logger } = this.options;
    try {
      const id = await storing;
      if (id !== undefined) await this.run(event, id, answer);
      return;
    } catch (error) {
      if (classifyDbFailure(error) !== 'lost') return void (await answer?.tellLater('inbox.unreachable'));
    }
    // The connection broke under the write: the row is there or not for good; ask once the database answers.
    for (let attempt = 0; attempt < 120; attempt++) {
      try {
        // Stored: a replay runs it and answers late. Not stored: nothing was saved, and now that is certain.
        if (!(await isInboxKeyStored(this.options.db, key))) await answer?.tellLater('inbox.unreachable');
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    logger.error({ dedupeKey: key.dedupeKey }, 'inbox: cannot tell whether a request was stored');
  }

  /** A person waits on slash commands: they get an answer of their own. Other requests keep Bolt's answers. */
  private answerFor(
    body: Record<string, unknown>,
    kind: string,
    ack: ReceiverEvent['ack'],
    options: { late?: boolean } = {},
  ): RequestAnswer | undefined {
    if (kind !== 'command') return undefined;
    const responseUrl = typeof body.response_url === 'string' ? body.response_url : undefined;
    return new RequestAnswer({
      ack,
      responseUrl,
      copy: this.options.copy,
      logger: this.options.logger,
      post: this.options.post ?? postToResponseUrl,
      ...options,
    });
  }

  /**
   * The busiest requests, messages in channels, skip the listener chain: the request and its timeline
   * entry are stored together in a group commit and then acknowledged. False when the request is not one
   * of those, was stored before (a retry: the ordinary path drops it or takes an unhandled row over), or
   * the database refused it even on its own (then it takes the ordinary path, and is kept for a replay).
   */
  private async storedAsChannelEvent(event: ReceiverEvent): Promise<boolean> {
    const channelEvent = channelEventOf(event.body);
    if (!channelEvent) return false;
    const outcome = await settleWithin(this.channelEvents.store(channelEvent), this.storeTimeoutMs);
    if (outcome.state === 'pending') throw new RequestNotStoredError('channel event not stored in time');
    if (outcome.state === 'rejected') {
      // Slack retries a request that was not acknowledged: nothing is lost while the database is away.
      if (isDatabaseDown(outcome.error)) throw notStored(outcome.error);
      this.options.logger.warn(
        { cause: describeDbFailure(outcome.error), dedupeKey: channelEvent.dedupeKey },
        'inbox: channel event refused; storing it on its own',
      );
      return false;
    }
    if (!outcome.value) return false;
    await event.ack();
    return true;
  }
}

/** A request the inbox could not store (or cannot tell it did): answered 500, so that Slack delivers it again. */
export class RequestNotStoredError extends Error {
  override readonly name = 'RequestNotStoredError';
}

/** The error Bolt's receiver gets for a request that was not stored: the cause, never drizzle's message with the payload in it. */
function notStored(error: unknown): Error {
  const cause = error === undefined ? undefined : describeDbFailure(error);
  return new RequestNotStoredError(
    cause ? `request not stored: ${cause.code ?? 'error'} ${cause.message}` : 'request not stored in time',
  );
}
