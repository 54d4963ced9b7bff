import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { noticeModal } from '../../blocks/modal.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { answeringFailures } from '../listener-errors.ts';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** One button or select handler: it parses, calls one service and renders; onClick acks and answers failures. */
export type ClickHandler = (services: SlackServices, args: ActionArgs) => Promise<void>;

/** A modal a button opens, as views.open takes it. */
export type OpenedView = Parameters<ActionArgs['client']['views']['open']>[0]['view'];

/**
 * A button or select handler: acks at once (Slack's 3 seconds), runs the work, and tells the clicker
 * what went wrong: ephemerally under a message, or in place of the modal a button sits in.
 */
export function onClick(services: SlackServices, listener: string, handler: ClickHandler) {
  return async (args: ActionArgs) => {
    await args.ack();
    await answeringFailures(
      services,
      { listener, surface: 'button' },
      () => handler(services, args),
      (text) => tellClicker(services, args, text),
    );
  };
}

/** The incident whose id the clicked button carries as its value, reloaded and access checked. */
export function clickedIncident(services: SlackServices, args: ActionArgs) {
  return incidentForAction(
    services,
    args.client,
    teamIdOf(args.body),
    recordIdOf(actionValueOf(args.action)),
    args.body.user.id,
  );
}

/** Opens a modal on the click's trigger (valid for 3 seconds). */
export async function openModal(args: ActionArgs, view: OpenedView): Promise<void> {
  await args.client.views.open({ trigger_id: args.body.trigger_id, view });
}

const modalSchema = z.object({ id: z.string(), hash: z.string(), private_metadata: z.string().optional() });

/** The modal the clicked button sits in: its id, hash (to refuse stale updates) and metadata. */
export function modalOf(args: ActionArgs): z.infer<typeof modalSchema> {
  return modalSchema.parse((args.body as { view?: unknown }).view);
}

async function tellClicker(services: SlackServices, args: ActionArgs, text: string): Promise<void> {
  const view = (args.body as { view?: { id?: string; type?: string } }).view;
  if (view?.id && view.type === 'modal' && !args.body.response_url) {
    await args.client.views.update({
      view_id: view.id,
      view: noticeModal(services.copy, { titleKey: 'errors.notice_title', text }),
    });
    return;
  }
  await args.respond?.({ response_type: 'ephemeral', replace_original: false, text });
}
