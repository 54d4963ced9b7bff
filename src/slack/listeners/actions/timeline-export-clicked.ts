import { z } from 'zod';
import { requestTimelineExport } from '../../../timeline/index.ts';
import { metadataOf } from '../../parse/interaction-values.ts';
import { timelineModal } from '../../timeline-modal-loader.ts';
import { type ClickHandler, clickedIncident, modalOf } from './action-support.ts';

const pageMetadata = z.object({ page: z.number().int().min(0).max(1_000_000).optional() });

/** "Export" (in the timeline modal or under a message): queues the file upload to the incident channel. */
export const timelineExportClicked: ClickHandler = async (services, args) => {
  const modal = (args.body as { view?: unknown }).view ? modalOf(args) : undefined;
  const incident = await clickedIncident(services, args);
  const requestKey = modal ? `view:${modal.id}:${modal.hash}` : `action:${args.body.trigger_id}`;
  await requestTimelineExport(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: args.body.user.id,
    requestKey,
  });
  if (!modal) return;
  const { page = 0 } = modal.private_metadata ? metadataOf(modal.private_metadata, pageMetadata) : {};
  const view = await timelineModal(services, args.client, {
    teamId: incident.teamId,
    incidentId: incident.id,
    page,
    exportQueued: true,
  });
  await args.client.views.update({ view_id: modal.id, view });
};
