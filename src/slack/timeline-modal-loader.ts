import type { View } from '@slack/types';
import { loadTimelineSummary } from '../timeline/index.ts';
import { timelineModalView } from './blocks/timeline-modal.ts';
import type { SlackClient } from './client.ts';
import type { SlackServices } from './services.ts';
import { resolveUserNames } from './user-names.ts';

/** The timeline modal for one page, with names resolved (shared by the command and the paging buttons). */
export async function timelineModal(
  services: SlackServices,
  client: SlackClient,
  params: { teamId: string; incidentId: number; page: number; exportQueued?: boolean },
): Promise<View> {
  const summary = await loadTimelineSummary(services.deps.db, params);
  const names = await resolveUserNames(
    { db: services.deps.db, client, now: services.deps.clock.now() },
    { teamId: params.teamId, userIds: summary.userIds },
  );
  return timelineModalView(services.copy, {
    incidentId: summary.incident.id,
    ref: summary.ref,
    title: summary.incident.title,
    timeZone: services.config.timezone,
    page: params.page,
    keyItems: summary.keyItems,
    counts: summary.counts,
    names,
    exportQueued: params.exportQueued ?? false,
  });
}
