import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isDomainError } from '../../../platform/errors.ts';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Runs a submitted lifecycle form. The service runs before the ack (a fast transaction), so a
 * refusal shows under the field it concerns and the form stays open to fix.
 */
export function formHandler(fieldOf: (code: string) => string, handler: (args: ViewArgs) => Promise<void>) {
  return async (args: ViewArgs) => {
    try {
      await handler(args);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await args.ack({ response_action: 'errors', errors: { [fieldOf(error.code)]: error.message } });
      return;
    }
    await args.ack();
  };
}

export function teamOfView(body: ViewSubmitAction): string {
  return body.team?.id ?? body.user.team_id ?? '';
}
