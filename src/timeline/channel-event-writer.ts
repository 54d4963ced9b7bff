import type { Db } from '../platform/db.ts';
import { GroupCommit, type GroupCommitOptions } from '../platform/group-commit.ts';
import { type ChannelEvent, storeChannelEvents } from './channel-events-repo.ts';

/**
 * The hot path of the timeline: channel events (messages, edits, deletes) arriving together are stored
 * with their timeline entries by one statement and one commit (group commit), and each is acknowledged
 * only once stored. A burst therefore never outruns the database: acknowledgements slow down instead.
 */
export class ChannelEventWriter {
  private readonly commits: GroupCommit<ChannelEvent, boolean>;

  /** `concurrency`: batches in flight at once, at most the connections `db` has; a failed batch is retried event by event (see GroupCommit). */
  constructor(db: Db, options: GroupCommitOptions<ChannelEvent> = {}) {
    this.commits = new GroupCommit((events) => storeChannelEvents(db, events), options);
  }

  /** Resolves to true once stored, false when it was stored before (a retry); rejects when the batch failed. */
  store(event: ChannelEvent): Promise<boolean> {
    return this.commits.submit(event);
  }

  drain(): Promise<void> {
    return this.commits.drain();
  }
}
