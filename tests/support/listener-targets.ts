import { listIncidentActions } from '../../src/actions/index.ts';
import { listFollowUps } from '../../src/follow-ups/index.ts';
import { findIncidentByNumber, type Incident } from '../../src/incidents/index.ts';
import type { Db } from '../../src/platform/db.ts';
import { listRuns } from '../../src/runbooks/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { runbookBranchActionId } from '../../src/slack/listeners/actions/runbook-branch-clicked.ts';
import { bob } from './lifecycle.ts';

/** An incident set up with a runbook run, an action and a proposed action, as the hostile-input tests name them. */
export type ListenerTarget = {
  incident: Incident & { channelId: string };
  runId: number;
  stepId: string;
  actionNumber: number;
  followUpId: number;
};

/** The incident with that number, and the first run, step, action and proposal it has. */
export async function listenerTarget(db: Db, teamId: string, number: number): Promise<ListenerTarget> {
  const incident = (await findIncidentByNumber(db, { teamId, number })) as ListenerTarget['incident'];
  const run = (await listRuns(db, { teamId, incidentId: incident.id }))[0]!;
  const actions = await listIncidentActions(db, { teamId, incidentId: incident.id });
  const followUps = await listFollowUps(db, { teamId, incidentId: incident.id });
  return {
    incident,
    runId: run.id,
    stepId: run.steps[0]!.id,
    actionNumber: actions[0]!.number,
    followUpId: followUps[0]!.id,
  };
}

// How each button names what it acts on, so a forged one can name an incident or run it should not reach.
export const valueFor: Record<string, (t: ListenerTarget) => string> = {
  [ids.actions.cardNote]: (t) => String(t.incident.id),
  [ids.actions.cardMilestones]: (t) => String(t.incident.id),
  [ids.actions.timelinePrevious]: (t) => `${t.incident.id}:0`,
  [ids.actions.timelineNext]: (t) => `${t.incident.id}:1`,
  [ids.actions.timelineExport]: (t) => String(t.incident.id),
  [ids.actions.cardUpdate]: (t) => String(t.incident.id),
  [ids.actions.cardRunbook]: (t) => String(t.incident.id),
  [ids.actions.runbookStart]: (t) => `${t.incident.id}:db-failover`,
  [ids.actions.runbookStepDone]: (t) => `${t.runId}:${t.stepId}`,
  [runbookBranchActionId.source]: (t) => `${t.runId}:${t.stepId}:0`,
  [ids.actions.runbookStepSkip]: (t) => `${t.runId}:${t.stepId}`,
  [ids.actions.updatePreview]: (t) => String(t.incident.id),
  [ids.actions.cardSeverity]: (t) => String(t.incident.id),
  [ids.actions.cardRoles]: (t) => String(t.incident.id),
  [ids.actions.cardResolve]: (t) => String(t.incident.id),
  [ids.actions.cardStatus]: (t) => String(t.incident.id),
  [ids.actions.handoverBrief]: (t) => JSON.stringify({ incidentId: t.incident.id, role: 'commander', to: bob }),
  [ids.actions.postmortemWriteUp]: (t) => String(t.incident.id),
  [ids.actions.postmortemRegenerate]: (t) => String(t.incident.id),
  [ids.actions.postmortemReview]: (t) => String(t.incident.id),
  [ids.actions.postmortemPublish]: (t) => String(t.incident.id),
  [ids.actions.actionDone]: (t) => String(t.actionNumber),
  [ids.actions.actionSnooze]: (t) => String(t.actionNumber),
  [ids.actions.actionReassign]: (t) => String(t.actionNumber),
  [ids.actions.actionWontDo]: (t) => String(t.actionNumber),
  [ids.actions.actionAdd]: (t) => String(t.incident.id),
  [ids.actions.actionAcceptProposal]: (t) => String(t.followUpId),
  [ids.actions.actionsPage]: (t) => `i:${t.incident.id}:1`,
  [ids.actions.homeDeclare]: () => 'declare',
  [ids.actions.statsExport]: () => '30d sev1',
};
