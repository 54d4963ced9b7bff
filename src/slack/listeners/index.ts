import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.ts';
import { registerCardActions } from './actions/card-actions.ts';
import { registerHandoverBriefClicked } from './actions/handover-brief-clicked.ts';
import { registerIncidentCommand } from './commands/incident-command.ts';
import { registerDeclareFromMessage } from './shortcuts/declare-from-message.ts';
import { registerDeclareModalSubmitted } from './views/declare-modal-submitted.ts';
import { registerLifecycleFormsSubmitted } from './views/lifecycle-forms-submitted.ts';

/** Registers every listener; manifest.yml must declare each command, shortcut and event used here. */
export function registerListeners(app: App, services: SlackServices): void {
  registerIncidentCommand(app, services);
  registerDeclareFromMessage(app, services);
  registerDeclareModalSubmitted(app, services);
  registerCardActions(app, services);
  registerHandoverBriefClicked(app, services);
  registerLifecycleFormsSubmitted(app, services);
}
