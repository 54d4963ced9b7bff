import type { App } from '@slack/bolt';
import { ids } from '../../ids.ts';
import { nearestWord, splitSubcommand } from '../../parse/command-text.ts';
import type { SlackServices } from '../../services.ts';
import { failureText, isUnexpected } from '../listener-errors.ts';
import { declareCommand, drillCommand } from './declare-command.ts';

import { handoverCommand } from './handover-command.ts';
import { privateCommand, publicCommand } from './private-commands.ts';
import { roleCommand, rolesCommand } from './role-commands.ts';
import { severityCommand } from './severity-command.ts';
import { closeCommand, reopenCommand, resolveCommand, statusCommand } from './status-commands.ts';
import { helpCommand, helpView } from './help-command.ts';
import { milestoneCommand } from './milestone-command.ts';
import { noteCommand } from './note-command.ts';
import { timelineCommand } from './timeline-command.ts';
import { runbookCommand } from './runbook-command.ts';
import { updateCommand } from './update-command.ts';
import type { Subcommand } from './subcommand.ts';

/** The subcommands of /incident, in the order help lists them. */
export const subcommands: Record<string, Subcommand> = {
  declare: declareCommand,
  note: noteCommand,
  milestone: milestoneCommand,
  timeline: timelineCommand,
  update: updateCommand,
  runbook: runbookCommand,
  drill: drillCommand,
  status: statusCommand,
  sev: severityCommand,
  role: roleCommand,
  roles: rolesCommand,
  handover: handoverCommand,
  resolve: resolveCommand,
  reopen: reopenCommand,
  close: closeCommand,
  private: privateCommand,
  public: publicCommand,
  help: helpCommand(() => Object.keys(subcommands)),
};

/** Routes `/incident …` to its subcommand; no input ever reaches the user as a stack trace. */
export function registerIncidentCommand(app: App, services: SlackServices): void {
  app.command(ids.command, async (args) => {
    const { subcommand, rest } = splitSubcommand(args.command.text ?? '');
    const handler = subcommand === '' ? declareCommand : subcommands[subcommand];
    if (!handler) {
      const suggestion = nearestWord(subcommand, Object.keys(subcommands));
      const lead = services.copy.render('errors.unknown_subcommand', { given: subcommand, suggestion });
      await args.ack({ response_type: 'ephemeral', text: lead, blocks: helpView(services, Object.keys(subcommands), lead) });
      return;
    }
    try {
      await handler({ ...args, rest, services });
    } catch (error) {
      await replyWithError(args, services, error, subcommand);
      if (isUnexpected(error)) throw error;
    }
  });
}

async function replyWithError(
  args: { ack: (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>; respond: (message: { response_type: 'ephemeral'; text: string }) => Promise<unknown> },
  services: SlackServices,
  error: unknown,
  subcommand: string,
): Promise<void> {
  const text = failureText(services, error, { listener: `/incident ${subcommand}`, surface: 'command' });
  // ack() throws if the subcommand already acknowledged; then the reply goes through response_url.
  try {
    await args.ack({ response_type: 'ephemeral', text });
  } catch {
    await args.respond({ response_type: 'ephemeral', text }).catch((respondError: unknown) => services.logger.warn({ err: respondError }, 'cannot reply to /incident'));
  }
}
