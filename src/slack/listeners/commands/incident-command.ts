import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { nearestWord } from '../../../config/nearest-word.ts';
import { splitSubcommand } from '../../parse/command-text.ts';
import type { SlackServices } from '../../services.ts';
import { isUnexpected } from '../listener-errors.ts';
import { actionCommand } from './action-command.ts';
import { actionsCommand } from './actions-command.ts';
import { closeCommand } from './close-command.ts';
import { replyWithError } from './command-support.ts';
import { declareCommand } from './declare-command.ts';
import { drillCommand } from './drill-command.ts';
import { exportCommand } from './export-command.ts';
import { handoverCommand } from './handover-command.ts';
import { helpCommand, helpView } from './help-command.ts';
import { milestoneCommand } from './milestone-command.ts';
import { noteCommand } from './note-command.ts';
import { postmortemCommand } from './postmortem-command.ts';
import { privateCommand } from './private-command.ts';
import { publicCommand } from './public-command.ts';
import { reopenCommand } from './reopen-command.ts';
import { resolveCommand } from './resolve-command.ts';
import { roleCommand } from './role-command.ts';
import { rolesCommand } from './roles-command.ts';
import { runbookCommand } from './runbook-command.ts';
import { severityCommand } from './severity-command.ts';
import { statsCommand } from './stats-command.ts';
import { statusCommand } from './status-command.ts';
import type { Subcommand } from './subcommand.ts';
import { timelineCommand } from './timeline-command.ts';
import { updateCommand } from './update-command.ts';

/** The subcommands of /incident, in the order help lists them. */
export const subcommands: Record<string, Subcommand> = {
  declare: declareCommand,
  note: noteCommand,
  milestone: milestoneCommand,
  timeline: timelineCommand,
  export: exportCommand,
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
  postmortem: postmortemCommand,
  action: actionCommand,
  actions: actionsCommand,
  stats: statsCommand,
  private: privateCommand,
  public: publicCommand,
  help: helpCommand(() => Object.keys(subcommands)),
};

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Routes `/incident …` to its subcommand; no input ever reaches the user as a stack trace. */
export function onIncidentCommand(services: SlackServices) {
  return async (args: CommandArgs) => {
    const { subcommand, rest } = splitSubcommand(args.command.text ?? '');
    const handler = subcommand === '' ? declareCommand : subcommands[subcommand];
    if (!handler) {
      const suggestion = nearestWord(subcommand, Object.keys(subcommands));
      const lead = services.copy.render('errors.unknown_subcommand', { given: subcommand, suggestion });
      await args.ack({
        response_type: 'ephemeral',
        text: lead,
        blocks: helpView(services, Object.keys(subcommands), lead),
      });
      return;
    }
    try {
      await handler(services, { ...args, rest });
    } catch (error) {
      await replyWithError(services, args, error, `/incident ${subcommand}`);
      if (isUnexpected(error)) throw error;
    }
  };
}
