import { queueCardRefresh, scheduleChannelArchive } from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { flagsOf, type SectionFlag } from './blameless-flags.ts';
import type { Postmortem } from './postmortem.ts';
import { type PostmortemDeps, recordPostmortemEvent, storeVersion } from './postmortem-drafting.ts';
import { postmortemStream } from './postmortem-effects.ts';
import { cancelReminder } from './postmortem-reminders.ts';
import { updatePostmortem } from './postmortem-repo.ts';
import { lockedPostmortem } from './postmortem-service.ts';

type Target = { teamId: string; incidentId: number; actorId: string };

export const maxReviewers = 10;

/** draft → in review: the reviewers get a direct message with the link. */
export async function requestReview(
  deps: PostmortemDeps,
  input: Target & { reviewers: string[] },
): Promise<Postmortem> {
  const reviewers = [...new Set(input.reviewers)];
  if (reviewers.length === 0) throw new DomainError('postmortem.no_reviewers', 'Pick at least one reviewer.', 'text');
  if (reviewers.length > maxReviewers)
    throw new DomainError('postmortem.too_many_reviewers', `Pick at most ${maxReviewers} reviewers.`, 'text');
  return inTransaction(deps, async (tx, effects) => {
    const { incident, postmortem } = await lockedPostmortem(tx, input);
    const now = deps.clock.now();
    const withReviewers = await updatePostmortem(tx, postmortem.id, {
      reviewers,
      reviewRequestedBy: input.actorId,
      reviewRequestedAt: now,
      updatedAt: now,
    });
    const { postmortem: updated } = await storeVersion(tx, effects, deps, {
      incident,
      postmortem: withReviewers,
      human: withReviewers.human,
      status: 'in_review',
      reason: 'review requested',
      actorId: input.actorId,
    });
    await recordPostmortemEvent(tx, {
      incident,
      postmortem: updated,
      actorId: input.actorId,
      at: now,
      kind: 'postmortem_review_requested',
      text: `Postmortem review requested from ${reviewers.map((id) => `<@${id}>`).join(', ')}`,
      after: { reviewers },
      key: `review:${now.getTime()}`,
    });
    effects.add(
      ...reviewers.map((userId) => ({
        teamId: incident.teamId,
        stream: postmortemStream(incident.id),
        kind: 'postmortem.review_dm' as const,
        payload: { incidentId: incident.id, userId, requestedBy: input.actorId },
      })),
    );
    return updated;
  });
}

/** Publishing with blameless flags left needs a reason; this error carries the flags to show. */
export class PublishNeedsReason extends DomainError {
  constructor(readonly flags: SectionFlag[]) {
    super(
      'postmortem.flags_left',
      `The write-up still has ${flags.length} phrase${flags.length === 1 ? '' : 's'} that may read as blame; reword ${flags.length === 1 ? 'it' : 'them'} with *Write up*, or give a reason to publish as it is.`,
      'mrkdwn',
    );
  }
}

/**
 * → published: freezes the current version (a later change starts a new draft version), uploads it
 * as a Markdown file, and records whether it was published by its due date (first publication).
 * The owner or a reviewer publishes; flagged language needs a reason, which is audited.
 */
export async function publishPostmortem(
  deps: PostmortemDeps,
  input: Target & { flagsReason?: string },
): Promise<Postmortem> {
  return inTransaction(deps, async (tx, effects) => {
    const { incident, postmortem } = await lockedPostmortem(tx, input);
    if (postmortem.status === 'published' && postmortem.publishedVersion === postmortem.version) return postmortem;
    if (input.actorId !== postmortem.ownerId && !postmortem.reviewers.includes(input.actorId))
      throw new DomainError(
        'postmortem.not_publisher',
        `Only the owner (<@${postmortem.ownerId}>) or a reviewer publishes. Ask them, or ask the owner to add you as a reviewer with *Request review*.`,
        'mrkdwn',
      );
    const flags = flagsOf(postmortem.human, deps.config);
    const reason = input.flagsReason?.trim();
    if (flags.length > 0 && !reason) throw new PublishNeedsReason(flags);
    const now = deps.clock.now();
    const { postmortem: stored } = await storeVersion(tx, effects, deps, {
      incident,
      postmortem,
      human: postmortem.human,
      status: 'published',
      reason: 'published',
      actorId: input.actorId,
    });
    const first = postmortem.firstPublishedAt === null;
    const published = await updatePostmortem(tx, postmortem.id, {
      publishedVersion: stored.version,
      publishedBy: input.actorId,
      ...(first ? { firstPublishedAt: now, publishedOnTime: now.getTime() <= postmortem.dueAt.getTime() } : {}),
      updatedAt: now,
    });
    await recordPostmortemEvent(tx, {
      incident,
      postmortem: published,
      actorId: input.actorId,
      at: now,
      kind: 'postmortem_published',
      text: `Postmortem published (version ${published.version})${first ? (published.publishedOnTime ? ', on time' : `, after its due date ${postmortem.dueDate}`) : ''}`,
      after: {
        publishedVersion: published.version,
        onTime: published.publishedOnTime,
        ...(flags.length > 0 ? { flagsLeft: flags.map((f) => f.phrase), reason } : {}),
      },
      key: `published:${published.version}`,
    });
    await cancelReminder(tx, published);
    // Held open while it was written; now the channel follows the usual archive schedule, from today.
    if (first && incident.status !== 'investigating' && incident.resolvedAt)
      await scheduleChannelArchive(tx, deps, incident, now, 'postmortem');
    effects.add({
      teamId: incident.teamId,
      stream: postmortemStream(incident.id),
      kind: 'postmortem.file',
      payload: { incidentId: incident.id, version: published.version, requestedBy: input.actorId, reason: 'published' },
    });
    queueCardRefresh(effects, { teamId: incident.teamId, incidentId: incident.id });
    return published;
  });
}
