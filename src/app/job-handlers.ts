import {
  actionEscalationHandler,
  actionEscalationJob,
  actionReminderSweepHandler,
  actionReminderSweepJob,
} from '../actions/index.ts';
import {
  archiveHandler,
  archiveJob,
  archiveWarningHandler,
  archiveWarningJob,
  roleNudgeHandler,
  roleNudgeJob,
} from '../incidents/index.ts';
import { digestHandler, digestJob } from '../insights/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { postmortemReminderHandler, postmortemReminderJob } from '../postmortems/index.ts';
import type { JobHandler } from '../scheduler/index.ts';
import { updateDueHandler, updateDueJobKind } from '../updates/index.ts';

/** Every kind of scheduled job, by the kind name services schedule; each capability adds its own. */
export function jobHandlers(deps: ServiceDeps): Record<string, JobHandler> {
  return {
    [updateDueJobKind]: updateDueHandler(deps),
    [roleNudgeJob]: roleNudgeHandler(deps),
    [archiveWarningJob]: archiveWarningHandler(deps),
    [archiveJob]: archiveHandler(deps),
    [postmortemReminderJob]: postmortemReminderHandler(deps),
    [actionReminderSweepJob]: actionReminderSweepHandler(deps),
    [actionEscalationJob]: actionEscalationHandler(deps),
    [digestJob]: digestHandler(deps),
  };
}
