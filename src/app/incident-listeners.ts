import { type ActionChangeListener, proposeActionsOnResolve } from '../actions/index.ts';
import { homeOnIncidentChange } from '../home/index.ts';
import {
  archiveListener,
  type IncidentChangeListener,
  recordStatusMilestones,
  roleNudgeListener,
} from '../incidents/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { type PostmortemDeps, postmortemOnActionChange, postmortemOnResolve } from '../postmortems/index.ts';
import { offerRunbooks, type RunbookDeps } from '../runbooks/index.ts';
import { updateCadence } from '../updates/index.ts';

/**
 * Every capability's reaction to incident changes, in the order they run. Registered here so that
 * incidents, below them all, never imports the capabilities that react to it.
 */
export function incidentListeners(deps: ServiceDeps & RunbookDeps & PostmortemDeps): IncidentChangeListener[] {
  return [
    recordStatusMilestones(deps),
    roleNudgeListener(deps),
    archiveListener(deps),
    offerRunbooks(deps),
    updateCadence(deps),
    postmortemOnResolve(deps),
    homeOnIncidentChange(deps),
    proposeActionsOnResolve(),
  ];
}

/** Every capability's reaction to a corrective action's change (the postmortem shows its actions). */
export function actionListeners(deps: PostmortemDeps): ActionChangeListener[] {
  return [postmortemOnActionChange(deps)];
}
