import { archiveListener } from './incidents/archive-schedule.ts';
import type { IncidentChangeListener } from './incidents/index.ts';
import { roleNudgeListener } from './roles/index.ts';

/** Every capability's reaction to incident changes, in the order they run; each capability adds its own. */
export function incidentListeners(): IncidentChangeListener[] {
  return [roleNudgeListener, archiveListener];
}
