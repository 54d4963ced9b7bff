import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { InboxWriter, listUnhandledInbox, markInboxAttemptFailed } from '../inbox/index.ts';
import { AcknowledgementsFirst } from '../platform/acknowledgements-first.ts';
import type { Db } from '../platform/db.ts';
import { ChannelEventWriter } from '../timeline/index.ts';
import { channelEventOf } from './parse/channel-event.ts';
import { inboxKeyOf } from './parse/inbox-key.ts';
import { sanitiseSlackBody } from './slack-body.ts';

const replayMarker = 'firebreakInboxId';

/**
 * Stands between Bolt's receiver and the app: every request is stored before it is processed (and so
 * before it is acknowledged; `/incident help` excepted, see inboxKeyOf), a retry or double submission
 * is acknowledged and dropped, and requests that a crash left unhandled are replayed through the same
 * listeners. Channel messages are stored with their timeline entry in one step (storedAsChannelEvent).
 */
export class InboxGate {
  private readonly writer: InboxWriter;
  private readonly channelEvents: ChannelEventWriter;

  constructor(
    private readonly app: App,
    private readonly db: Db,
    private readonly logger: Logger,
    ackDb: Db = db,
    private readonly acks: AcknowledgementsFirst = new AcknowledgementsFirst(),
  ) {
    this.writer = new InboxWriter(ackDb, logger);
    // Two batches in flight: one per connection of the inbox pool.
    this.channelEvents = new ChannelEventWriter(ackDb, { concurrency: 2 });
  }

  async processEvent(event: ReceiverEvent): Promise<void> {
    const replayedId = event.customProperties?.[replayMarker] as number | undefined;
    if (replayedId !== undefined) return this.handle(event, replayedId);
    // Before anything stores it, on either transport: a NUL would fail every request in its group commit.
    sanitiseSlackBody(event.body);
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
      await this.handle({ ...event, ack }, undefined);
    } finally {
      acknowledged();
    }
  }

  private async handle(event: ReceiverEvent, replayedId: number | undefined): Promise<void> {
    const key = replayedId === undefined ? inboxKeyOf(event.body) : undefined;
    let inboxId = replayedId;
    if (key) {
      inboxId = await this.writer.insert({ ...key, payload: event.body });
      if (inboxId === undefined) {
        this.logger.info({ dedupeKey: key.dedupeKey, retryNum: event.retryNum }, 'inbox: duplicate delivery dropped');
        await event.ack();
        return;
      }
    }
    try {
      await this.app.processEvent(event);
      if (inboxId !== undefined) await this.writer.markHandled(inboxId);
    } catch (error) {
      if (inboxId !== undefined) await markInboxAttemptFailed(this.db, { id: inboxId, error: error instanceof Error ? error.message : String(error) }).catch(() => {});
      throw error;
    }
  }

  /**
   * The busiest requests, messages in channels, skip the listener chain: the request and its timeline
   * entry are stored together in a group commit and then acknowledged. False when the request is not one
   * of those, or its batch failed (then it takes the ordinary path on its own, so one bad event cannot
   * sink the others).
   */
  private async storedAsChannelEvent(event: ReceiverEvent): Promise<boolean> {
    const channelEvent = channelEventOf(event.body);
    if (!channelEvent) return false;
    try {
      const fresh = await this.channelEvents.store(channelEvent);
      if (!fresh) this.logger.info({ dedupeKey: channelEvent.dedupeKey, retryNum: event.retryNum }, 'inbox: duplicate delivery dropped');
    } catch (error) {
      this.logger.warn({ err: error, dedupeKey: channelEvent.dedupeKey }, 'inbox: batched store failed; storing the event on its own');
      return false;
    }
    await event.ack();
    return true;
  }

  /** Re-runs requests stored at least `olderThanSeconds` ago that no process finished; returns how many. */
  async replayUnhandled(options: { olderThanSeconds: number } = { olderThanSeconds: 60 }): Promise<number> {
    const rows = await listUnhandledInbox(this.db, { olderThanSeconds: options.olderThanSeconds, maxAttempts: 5, limit: 500 });
    for (const row of rows) {
      this.logger.warn({ inboxId: row.id, kind: row.kind }, 'inbox: replaying a request left unhandled');
      try {
        await this.processEvent({
          body: row.payload as Record<string, unknown>,
          // Slack stopped waiting long ago: nothing to acknowledge.
          ack: async () => {},
          customProperties: { [replayMarker]: row.id },
        });
      } catch (error) {
        this.logger.error({ err: error, inboxId: row.id }, 'inbox: replay failed');
      }
    }
    return rows.length;
  }
}
