import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../platform/errors.ts';
import type { SlackServices } from '../../services.ts';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Acks at once, runs the handler, and shows a DomainError to the clicker only (never a stack trace). */
export function guarded(services: SlackServices, handler: (args: ActionArgs) => Promise<void>) {
  return async (args: ActionArgs) => {
    await args.ack();
    try {
      await handler(args);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: services.copy.render('lifecycle.invalid', { message: error.message }) }).catch((e: unknown) => services.logger.warn({ err: e }, 'cannot reply to click'));
    }
  };
}

export function teamOf(body: BlockAction): string {
  return body.team?.id ?? body.user.team_id ?? '';
}

/** The value a button or select carried (the incident id on the card). */
export function actionValue(args: ActionArgs): string {
  const action = args.action as { value?: string; selected_option?: { value: string } };
  return action.value ?? action.selected_option?.value ?? '';
}
