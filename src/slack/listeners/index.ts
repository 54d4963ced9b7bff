import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.ts';
import { registerActions } from './actions/index.ts';
import { registerCommands } from './commands/index.ts';
import { registerEvents } from './events/index.ts';
import { registerShortcuts } from './shortcuts/index.ts';
import { registerViews } from './views/index.ts';

/** Registers every listener; manifest.yml must declare each command, shortcut and event used here. */
export function registerListeners(app: App, services: SlackServices): void {
  registerCommands(app, services);
  registerShortcuts(app, services);
  registerViews(app, services);
  registerActions(app, services);
  registerEvents(app, services);
}
