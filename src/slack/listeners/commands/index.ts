import type { App } from '@slack/bolt';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';
import { onIncidentCommand } from './incident-command.ts';

/** Every slash command, one line each; `/incident` routes to its subcommands (incident-command.ts). */
export function registerCommands(app: App, services: SlackServices): void {
  app.command(ids.command, onIncidentCommand(services));
}
