import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { InboxWriter, listUnhandledInbox, markInboxAttemptFailed } from '../inbox/index.ts';
import type { Db } from '../platform/db.ts';
import { inboxKeyOf } from './parse/inbox-key.ts';

const replayMarker = 'firebreakInboxId';

/**
 * Stands between Bolt's receiver and the app: every request is stored before it is processed (and so
 * before it is acknowledged), a retry or double submission is acknowledged and dropped, and requests
 * that a crash left unhandled are replayed through the same listeners.
 */
export class InboxGate {
  private readonly writer: InboxWriter;

  constructor(
    private readonly app: App,
    private readonly db: Db,
    private readonly logger: Logger,
    ackDb: Db = db,
  ) {
    this.writer = new InboxWriter(ackDb, logger);
  }

  async processEvent(event: ReceiverEvent): Promise<void> {
    const replayedId = event.customProperties?.[replayMarker] as number | undefined;
    const key = replayedId === undefined ? inboxKeyOf(event.body) : undefined;
    let inboxId = replayedId;
    if (key) {
      // Form-encoded bodies are null-prototype objects, which drizzle cannot bind: copy into a plain one.
      inboxId = await this.writer.insert({ ...key, payload: { ...event.body } });
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
