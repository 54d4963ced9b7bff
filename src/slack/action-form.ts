import { defaultDueDate, dueDaysBySeverity, teamToday } from '../actions/index.ts';
import { type Incident, incidentRef } from '../incidents/index.ts';
import { type ActionFormModel, actionFormModal } from './blocks/action-modals.ts';
import type { SlackClient } from './client.ts';
import type { SlackServices } from './services.ts';

/** Opens the new-action form on a trigger (valid 3 seconds), its due date the severity's default unless given. */
export async function openActionForm(
  services: SlackServices,
  client: SlackClient,
  params: { triggerId: string; incident: Incident; draft?: ActionFormModel['draft']; followUpId?: number },
): Promise<void> {
  const { incident } = params;
  const defaultDue = defaultDueDate(incident.severity, dueDaysBySeverity(services.config), teamToday(services.deps));
  await client.views.open({
    trigger_id: params.triggerId,
    view: actionFormModal(services.copy, {
      incidentId: incident.id,
      incidentRef: incidentRef(incident),
      incidentTitle: incident.title,
      severity: incident.severity,
      defaultDue,
      followUpId: params.followUpId,
      draft: params.draft ?? {},
    }),
  });
}
