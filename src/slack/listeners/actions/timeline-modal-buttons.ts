import type { App } from '@slack/bolt';
import { z } from 'zod';
import { requestTimelineExport } from '../../../timeline/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, metadataOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { timelineModal } from '../../timeline-modal-loader.ts';
import { type ActionArgs, onClick } from './action-support.ts';

const pageValue = z.string().regex(/^\d{1,15}:\d{1,6}$/, 'expected "<incident>:<page>"');
const pageMetadata = z.object({ page: z.number().int().min(0).max(1_000_000).optional() });
const modalOf = (args: ActionArgs) => z.object({ id: z.string(), hash: z.string(), private_metadata: z.string().optional() }).parse((args.body as { view?: unknown }).view);

/** Previous/Next redraw the timeline modal in place; Export queues the file upload to the incident channel. */
export function registerTimelineModalButtons(app: App, services: SlackServices): void {
  const page = onClick(services, 'timeline page', async (args) => {
    const view = modalOf(args);
    const [incidentId, pageNumber] = pageValue.parse(actionValueOf(args.action)).split(':').map(Number) as [number, number];
    // Checked on every page turn: the value names an incident, and the clicker may not be (or no longer be) its member.
    const incident = await incidentForAction(services, args.client, teamIdOf(args.body), recordIdOf(String(incidentId)), args.body.user.id);
    const next = await timelineModal(services, args.client, { teamId: incident.teamId, incidentId: incident.id, page: pageNumber });
    // The hash makes a stale page click fail instead of overwriting a newer page.
    await args.client.views.update({ view_id: view.id, hash: view.hash, view: next });
  });
  app.action(ids.actions.timelinePrevious, page);
  app.action(ids.actions.timelineNext, page);
  app.action(ids.actions.timelineExport, onClick(services, 'timeline export', async (args) => {
    const modal = (args.body as { view?: unknown }).view ? modalOf(args) : undefined;
    const incident = await incidentForAction(services, args.client, teamIdOf(args.body), recordIdOf(actionValueOf(args.action)), args.body.user.id);
    const requestKey = modal ? `view:${modal.id}:${modal.hash}` : `action:${args.body.trigger_id}`;
    await requestTimelineExport(services.deps, { teamId: incident.teamId, incidentId: incident.id, actorId: args.body.user.id, requestKey });
    if (modal) {
      const { page: pageNumber = 0 } = modal.private_metadata ? metadataOf(modal.private_metadata, pageMetadata) : {};
      const view = await timelineModal(services, args.client, { teamId: incident.teamId, incidentId: incident.id, page: pageNumber, exportQueued: true });
      await args.client.views.update({ view_id: modal.id, view });
    }
  }));
}
