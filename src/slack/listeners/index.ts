import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.ts';
import { registerCardTimelineButtons } from './actions/card-timeline-buttons.ts';
import { registerTimelineModalButtons } from './actions/timeline-modal-buttons.ts';
import { registerCardButtons } from './actions/card-buttons.ts';
import { registerRunbookButtons } from './actions/runbook-buttons.ts';
import { registerCardActions } from './actions/card-actions.ts';
import { registerHandoverBriefClicked } from './actions/handover-brief-clicked.ts';
import { registerIncidentCommand } from './commands/incident-command.ts';
import { registerKeyFlagEvents } from './events/key-flag-events.ts';
import { registerMemberEvents } from './events/member-events.ts';
import { registerMessageEvent } from './events/message-event.ts';
import { registerAddToTimeline } from './shortcuts/add-to-timeline.ts';
import { registerDeclareFromMessage } from './shortcuts/declare-from-message.ts';
import { registerAddToTimelineSubmitted } from './views/add-to-timeline-submitted.ts';
import { registerDeclareModalSubmitted } from './views/declare-modal-submitted.ts';
import { registerTimelineFormsSubmitted } from './views/timeline-forms-submitted.ts';
import { registerRunbookModals } from './views/runbook-modals-submitted.ts';
import { registerUpdateModal } from './views/update-modal-submitted.ts';
import { registerLifecycleFormsSubmitted } from './views/lifecycle-forms-submitted.ts';

/** Registers every listener; manifest.yml must declare each command, shortcut and event used here. */
export function registerListeners(app: App, services: SlackServices): void {
  registerIncidentCommand(app, services);
  registerDeclareFromMessage(app, services);
  registerDeclareModalSubmitted(app, services);
  registerMessageEvent(app, services);
  registerKeyFlagEvents(app, services);
  registerMemberEvents(app, services);
  registerAddToTimeline(app, services);
  registerAddToTimelineSubmitted(app, services);
  registerCardTimelineButtons(app, services);
  registerTimelineModalButtons(app, services);
  registerTimelineFormsSubmitted(app, services);
  registerCardButtons(app, services);
  registerRunbookButtons(app, services);
  registerRunbookModals(app, services);
  registerUpdateModal(app, services);
  registerCardActions(app, services);
  registerHandoverBriefClicked(app, services);
  registerLifecycleFormsSubmitted(app, services);
}
