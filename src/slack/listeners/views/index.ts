import type { App } from '@slack/bolt';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';
import { actionChangeFields } from './action-change-form.ts';
import { actionCreateSubmitted, actionFormFields } from './action-create-submitted.ts';
import { actionDoneSubmitted } from './action-done-submitted.ts';
import { actionReassignSubmitted } from './action-reassign-submitted.ts';
import { actionSnoozeSubmitted } from './action-snooze-submitted.ts';
import { actionWontDoSubmitted } from './action-wont-do-submitted.ts';
import { addToTimelineSubmitted } from './add-to-timeline-submitted.ts';
import { declareFormFields, declareModalSubmitted } from './declare-modal-submitted.ts';
import { handoverFormFields, handoverFormSubmitted } from './handover-form-submitted.ts';
import { milestonesFormSubmitted } from './milestones-form-submitted.ts';
import { noteFormFields, noteFormSubmitted } from './note-form-submitted.ts';
import { publishFormFields, publishSubmitted } from './postmortem-publish-submitted.ts';
import { reviewFormFields, reviewSubmitted } from './postmortem-review-submitted.ts';
import { writeUpFormFields, writeUpSubmitted } from './postmortem-write-up-submitted.ts';
import { resolveFormFields, resolveFormSubmitted } from './resolve-form-submitted.ts';
import { rolesFormFields, rolesFormSubmitted } from './roles-form-submitted.ts';
import { runbookPickSubmitted } from './runbook-pick-submitted.ts';
import { runbookSkipSubmitted } from './runbook-skip-submitted.ts';
import { severityFormFields, severityFormSubmitted } from './severity-form-submitted.ts';
import { updateFormFields, updateModalSubmitted } from './update-modal-submitted.ts';
import { noField, onSubmit } from './view-support.ts';

/** Every form submission, one line each; onSubmit answers a refusal under its field or in place of the form. */
export function registerViews(app: App, services: SlackServices): void {
  app.view(ids.views.declare, onSubmit(services, 'declare form', declareFormFields, declareModalSubmitted));
  app.view(ids.views.addToTimeline, onSubmit(services, 'add to timeline form', noField, addToTimelineSubmitted));
  app.view(ids.views.note, onSubmit(services, 'note form', noteFormFields, noteFormSubmitted));
  app.view(ids.views.milestones, onSubmit(services, 'milestones form', noField, milestonesFormSubmitted));
  app.view(ids.views.runbookPick, onSubmit(services, 'runbook pick form', noField, runbookPickSubmitted));
  app.view(ids.views.runbookSkip, onSubmit(services, 'runbook skip form', noField, runbookSkipSubmitted));
  app.view(ids.views.stakeholderUpdate, onSubmit(services, 'update form', updateFormFields, updateModalSubmitted));
  app.view(ids.views.severity, onSubmit(services, 'severity form', severityFormFields, severityFormSubmitted));
  app.view(ids.views.roles, onSubmit(services, 'roles form', rolesFormFields, rolesFormSubmitted));
  app.view(ids.views.resolve, onSubmit(services, 'resolve form', resolveFormFields, resolveFormSubmitted));
  app.view(ids.views.handover, onSubmit(services, 'handover form', handoverFormFields, handoverFormSubmitted));
  app.view(ids.views.postmortemWriteUp, onSubmit(services, 'postmortem write-up', writeUpFormFields, writeUpSubmitted));
  app.view(ids.views.postmortemReview, onSubmit(services, 'postmortem review', reviewFormFields, reviewSubmitted));
  app.view(ids.views.postmortemPublish, onSubmit(services, 'postmortem publish', publishFormFields, publishSubmitted));
  app.view(ids.views.actionCreate, onSubmit(services, 'action form', actionFormFields, actionCreateSubmitted));
  app.view(ids.views.actionDone, onSubmit(services, 'action done form', actionChangeFields, actionDoneSubmitted));
  app.view(ids.views.actionSnooze, onSubmit(services, 'action snooze form', actionChangeFields, actionSnoozeSubmitted));
  app.view(
    ids.views.actionReassign,
    onSubmit(services, 'action reassign form', actionChangeFields, actionReassignSubmitted),
  );
  app.view(
    ids.views.actionWontDo,
    onSubmit(services, "action won't do form", actionChangeFields, actionWontDoSubmitted),
  );
}
