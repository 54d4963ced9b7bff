import type { EffectExecutor } from '../../outbox/index.ts';
import type { EffectKind } from '../../platform/effects.ts';
import { asTeam } from '../posting-pace.ts';
import { notifyActionDm, proposeActions } from './action-effects.ts';
import { escalateByDm, escalateInChannel } from './action-escalation-effects.ts';
import { learnActionOwnerTimeZone, remindActionOwner } from './action-reminder-effects.ts';
import { announceIncident, askForRoles, confirmToDeclarer, linkSourceMessage } from './announce-effects.ts';
import { pinCard, postCard, refreshCard } from './card-effects.ts';
import { createChannel, inviteToChannel, refreshTopic, setChannelTopic } from './channel-effects.ts';
import { postDigest } from './digest-effects.ts';
import type { EffectContext } from './effect-context.ts';
import { exportEvidence } from './evidence-effects.ts';
import { publishHome } from './home-effects.ts';
import {
  archiveChannel,
  directMessageEscalationContact,
  moveMembers,
  notifyEscalation,
  postInIncident,
  redactAnnouncement,
  replyToAnnouncement,
  retirePublicChannel,
} from './lifecycle-effects.ts';
import {
  askReviewer,
  learnOwnerTimeZone,
  remindOwner,
  showPostmortemMessage,
  syncPostmortemCanvas,
  uploadPostmortemFile,
} from './postmortem-effects.ts';
import { clearPublicTraces, removeFile, removeMessage, reportCleanup, resetOldTopic } from './private-cleanup.ts';
import { drawChecklist, offerRunbooksInChannel, redrawRunbookOffer } from './runbook-effects.ts';
import { toEffectError } from './slack-errors.ts';
import { exportStatsCsv } from './stats-effects.ts';
import { exportTimeline, noticeTypedRedaction, postRedactionNotice } from './timeline-effects.ts';
import { nudgeForUpdate, nudgeForUpdateByDm, postUpdate } from './update-effects.ts';

export type { EffectContext } from './effect-context.ts';

/** Every kind of Slack effect the outbox can hold, by the kind name services queue. */
export function slackEffectExecutors(ctx: EffectContext): Record<EffectKind, EffectExecutor> {
  // Keyed by the union of kinds: a kind without an executor, or a misspelt one, does not compile.
  const executors: Record<EffectKind, EffectExecutor> = {
    'channel.create': createChannel(ctx),
    'channel.invite': inviteToChannel(ctx),
    'channel.topic': setChannelTopic(ctx),
    'card.post': postCard(ctx),
    'card.pin': pinCard(ctx),
    'card.refresh': refreshCard(ctx),
    'incident.announce': announceIncident(ctx),
    'roles.ask': askForRoles(ctx),
    'source.link': linkSourceMessage(ctx),
    'declarer.confirm': confirmToDeclarer(ctx),
    'timeline.redaction_notice': postRedactionNotice(ctx),
    'secrets.removed_notice': noticeTypedRedaction(ctx),
    'timeline.export': exportTimeline(ctx),
    'evidence.export': exportEvidence(ctx),
    'runbooks.offer': offerRunbooksInChannel(ctx),
    'runbooks.offer_refresh': redrawRunbookOffer(ctx),
    'runbook.checklist': drawChecklist(ctx),
    'update.post': postUpdate(ctx),
    'update.nudge': nudgeForUpdate(ctx),
    'update.nudge_dm': nudgeForUpdateByDm(ctx),
    'topic.refresh': refreshTopic(ctx),
    'incident.post': postInIncident(ctx),
    'announcement.reply': replyToAnnouncement(ctx),
    'announcement.redact': redactAnnouncement(ctx),
    'severity.announce': replyToAnnouncement(ctx),
    'severity.escalate': notifyEscalation(ctx),
    'severity.escalate_dm': directMessageEscalationContact(ctx),
    'channel.archive': archiveChannel(ctx),
    'private.retire_channel': retirePublicChannel(ctx),
    'private.move_members': moveMembers(ctx),
    'private.clear_public': clearPublicTraces(ctx),
    'private.remove_message': removeMessage(ctx),
    'private.remove_file': removeFile(ctx),
    'private.reset_topic': resetOldTopic(ctx),
    'private.archive_old': archiveChannel(ctx),
    'private.cleanup_report': reportCleanup(ctx),
    'postmortem.message': showPostmortemMessage(ctx),
    'postmortem.canvas': syncPostmortemCanvas(ctx),
    'postmortem.file': uploadPostmortemFile(ctx),
    'postmortem.review_dm': askReviewer(ctx),
    'postmortem.reminder_dm': remindOwner(ctx),
    'postmortem.owner_tz': learnOwnerTimeZone(ctx),
    'action.notify_dm': notifyActionDm(ctx),
    'action.proposals': proposeActions(ctx),
    'action.reminder_dm': remindActionOwner(ctx),
    'action.escalation_dm': escalateByDm(ctx),
    'action.escalation_post': escalateInChannel(ctx),
    'action.owner_tz': learnActionOwnerTimeZone(ctx),
    'home.publish': publishHome(ctx),
    'stats.csv': exportStatsCsv(ctx),
    'digest.post': postDigest(ctx),
  };
  return Object.fromEntries(
    Object.entries(executors).map(([kind, run]) => [
      kind,
      async (effect) => {
        try {
          // Posting is paced per workspace: the effect's team is whose buckets its posts use.
          return await asTeam(effect.teamId, () => run(effect));
        } catch (error) {
          throw toEffectError(error);
        }
      },
    ]),
  ) as Record<EffectKind, EffectExecutor>;
}
