import type { App } from '@slack/bolt';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';
import { actionAcceptClicked } from './action-accept-clicked.ts';
import { actionAddClicked } from './action-add-clicked.ts';
import { actionDoneClicked } from './action-done-clicked.ts';
import { actionReassignClicked } from './action-reassign-clicked.ts';
import { actionSnoozeClicked } from './action-snooze-clicked.ts';
import { onClick } from './action-support.ts';
import { actionWontDoClicked } from './action-wont-do-clicked.ts';
import { actionsPageClicked } from './actions-page-clicked.ts';
import { cardMilestonesClicked } from './card-milestones-clicked.ts';
import { cardNoteClicked } from './card-note-clicked.ts';
import { cardResolveClicked } from './card-resolve-clicked.ts';
import { cardRolesClicked } from './card-roles-clicked.ts';
import { cardRunbookClicked } from './card-runbook-clicked.ts';
import { cardSeverityClicked } from './card-severity-clicked.ts';
import { cardStatusSelected } from './card-status-selected.ts';
import { cardUpdateClicked } from './card-update-clicked.ts';
import { handoverBriefClicked } from './handover-brief-clicked.ts';
import { homeDeclareClicked } from './home-declare-clicked.ts';
import { postmortemPublishClicked } from './postmortem-publish-clicked.ts';
import { postmortemRegenerateClicked } from './postmortem-regenerate-clicked.ts';
import { postmortemReviewClicked } from './postmortem-review-clicked.ts';
import { postmortemWriteUpClicked } from './postmortem-write-up-clicked.ts';
import { runbookBranchActionId, runbookBranchClicked } from './runbook-branch-clicked.ts';
import { runbookStartClicked } from './runbook-start-clicked.ts';
import { runbookStepDoneClicked } from './runbook-step-done-clicked.ts';
import { runbookStepSkipClicked } from './runbook-step-skip-clicked.ts';
import { statsExportClicked } from './stats-export-clicked.ts';
import { timelineExportClicked } from './timeline-export-clicked.ts';
import { timelinePageClicked } from './timeline-page-clicked.ts';
import { updatePreviewClicked } from './update-preview-clicked.ts';

/** Every button and select, one line each; onClick acks at once and answers failures uniformly. */
export function registerActions(app: App, services: SlackServices): void {
  app.action(ids.actions.cardNote, onClick(services, 'card note', cardNoteClicked));
  app.action(ids.actions.cardMilestones, onClick(services, 'card milestones', cardMilestonesClicked));
  app.action(ids.actions.timelinePrevious, onClick(services, 'timeline page', timelinePageClicked));
  app.action(ids.actions.timelineNext, onClick(services, 'timeline page', timelinePageClicked));
  app.action(ids.actions.timelineExport, onClick(services, 'timeline export', timelineExportClicked));
  app.action(ids.actions.cardUpdate, onClick(services, 'card update', cardUpdateClicked));
  app.action(ids.actions.cardRunbook, onClick(services, 'card runbook', cardRunbookClicked));
  app.action(ids.actions.runbookStart, onClick(services, 'runbook start', runbookStartClicked));
  app.action(ids.actions.runbookStepDone, onClick(services, 'runbook step done', runbookStepDoneClicked));
  app.action(
    { type: 'block_actions', action_id: runbookBranchActionId },
    onClick(services, 'runbook branch', runbookBranchClicked),
  );
  app.action(ids.actions.runbookStepSkip, onClick(services, 'runbook step skip', runbookStepSkipClicked));
  app.action(ids.actions.updatePreview, onClick(services, 'update preview', updatePreviewClicked));
  app.action(ids.actions.cardSeverity, onClick(services, 'card severity', cardSeverityClicked));
  app.action(ids.actions.cardRoles, onClick(services, 'card roles', cardRolesClicked));
  app.action(ids.actions.cardResolve, onClick(services, 'card resolve', cardResolveClicked));
  app.action(ids.actions.cardStatus, onClick(services, 'card status', cardStatusSelected));
  app.action(ids.actions.handoverBrief, onClick(services, 'handover brief', handoverBriefClicked));
  app.action(ids.actions.postmortemWriteUp, onClick(services, 'postmortem write up', postmortemWriteUpClicked));
  app.action(ids.actions.postmortemRegenerate, onClick(services, 'postmortem regenerate', postmortemRegenerateClicked));
  app.action(ids.actions.postmortemReview, onClick(services, 'postmortem review', postmortemReviewClicked));
  app.action(ids.actions.postmortemPublish, onClick(services, 'postmortem publish', postmortemPublishClicked));
  app.action(ids.actions.actionDone, onClick(services, 'action done', actionDoneClicked));
  app.action(ids.actions.actionSnooze, onClick(services, 'action snooze', actionSnoozeClicked));
  app.action(ids.actions.actionReassign, onClick(services, 'action reassign', actionReassignClicked));
  app.action(ids.actions.actionWontDo, onClick(services, "action won't do", actionWontDoClicked));
  app.action(ids.actions.actionAdd, onClick(services, 'action add', actionAddClicked));
  app.action(ids.actions.actionAcceptProposal, onClick(services, 'action accept proposal', actionAcceptClicked));
  app.action(ids.actions.actionsPage, onClick(services, 'actions page', actionsPageClicked));
  app.action(ids.actions.statsExport, onClick(services, 'stats export', statsExportClicked));
  app.action(ids.actions.homeDeclare, onClick(services, 'home declare', homeDeclareClicked));
}
