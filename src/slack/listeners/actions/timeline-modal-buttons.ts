import type { App, BlockButtonAction } from '@slack/bolt';
import { requestTimelineExport } from '../../../timeline/index.ts';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';
import { timelineModal } from '../../timeline-modal-loader.ts';

/** Previous/Next redraw the timeline modal in place; Export queues the file upload to the incident channel. */
export function registerTimelineModalButtons(app: App, services: SlackServices): void {
  const page = async ({ ack, body, action, client }: { ack: () => Promise<void>; body: BlockButtonAction; action: { value?: string }; client: App['client'] }) => {
    await ack();
    const [incidentId, pageNumber] = (action.value ?? '').split(':').map(Number);
    if (!body.view || !Number.isInteger(incidentId) || !Number.isInteger(pageNumber)) return;
    const view = await timelineModal(services, client, { teamId: body.team?.id ?? body.user.team_id ?? '', incidentId: incidentId as number, page: pageNumber as number });
    // The hash makes a stale page click fail instead of overwriting a newer page.
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
  };
  app.action<BlockButtonAction>(ids.actions.timelinePrevious, page);
  app.action<BlockButtonAction>(ids.actions.timelineNext, page);
  app.action<BlockButtonAction>(ids.actions.timelineExport, async ({ ack, body, action, client }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const incidentId = Number(action.value);
    const requestKey = body.view ? `view:${body.view.id}:${body.view.hash}` : `action:${body.trigger_id}`;
    await requestTimelineExport(services.deps, { teamId, incidentId, actorId: body.user.id, requestKey });
    if (body.view) {
      const page = Number(JSON.parse(body.view.private_metadata || '{}').page ?? 0);
      const view = await timelineModal(services, client, { teamId, incidentId, page, exportQueued: true });
      await client.views.update({ view_id: body.view.id, view });
    }
  });
}
