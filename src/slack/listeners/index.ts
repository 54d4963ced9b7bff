import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.ts';
import { registerCardButtons } from './actions/card-buttons.ts';
import { registerRunbookButtons } from './actions/runbook-buttons.ts';
import { registerIncidentCommand } from './commands/incident-command.ts';
import { registerDeclareFromMessage } from './shortcuts/declare-from-message.ts';
import { registerDeclareModalSubmitted } from './views/declare-modal-submitted.ts';
import { registerRunbookModals } from './views/runbook-modals-submitted.ts';
import { registerUpdateModal } from './views/update-modal-submitted.ts';

/** Registers every listener; manifest.yml must declare each command, shortcut and event used here. */
export function registerListeners(app: App, services: SlackServices): void {
  registerIncidentCommand(app, services);
  registerDeclareFromMessage(app, services);
  registerDeclareModalSubmitted(app, services);
  registerCardButtons(app, services);
  registerRunbookButtons(app, services);
  registerRunbookModals(app, services);
  registerUpdateModal(app, services);
}
