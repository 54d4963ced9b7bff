import { archiveListener } from './incidents/archive-schedule.ts';
import type { IncidentChangeListener } from './incidents/index.ts';
import { offerRunbooks } from './runbooks/index.ts';
import { roleNudgeListener } from './roles/index.ts';
import { recordStatusMilestones } from './timeline/milestone-listener.ts';
import { updateCadence } from './updates/index.ts';

/** Every capability's reaction to incident changes, in the order they run; each capability adds its own. */
export function incidentListeners(): IncidentChangeListener[] {
  return [recordStatusMilestones, roleNudgeListener, archiveListener, offerRunbooks, updateCadence];
}
