import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { noticeModal } from '../../blocks/modal.ts';
import type { SlackServices } from '../../services.ts';
import { failureText, isUnexpected } from '../listener-errors.ts';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * A button or select handler: acks at once (Slack's 3 seconds), runs the work, and tells the clicker
 * what went wrong: ephemerally under a message, or in place of the modal a button sits in.
 */
export function onClick(services: SlackServices, listener: string, handler: (args: ActionArgs) => Promise<void>) {
  return async (args: ActionArgs) => {
    await args.ack();
    try {
      await handler(args);
    } catch (error) {
      const text = failureText(services, error, { listener, surface: 'button' });
      await tellClicker(services, args, text).catch((e: unknown) => services.logger.warn({ err: e, listener }, 'cannot tell the clicker what went wrong'));
      // Refusals and unreadable payloads are answered; anything else is left for the inbox to retry.
      if (isUnexpected(error)) throw error;
    }
  };
}

async function tellClicker(services: SlackServices, args: ActionArgs, text: string): Promise<void> {
  const view = (args.body as { view?: { id?: string; type?: string } }).view;
  if (view?.id && view.type === 'modal' && !args.body.response_url) {
    await args.client.views.update({ view_id: view.id, view: noticeModal(services.copy, { titleKey: 'errors.notice_title', text }) });
    return;
  }
  await args.respond?.({ response_type: 'ephemeral', replace_original: false, text });
}
