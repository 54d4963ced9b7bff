import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import { isDomainError } from '../../../platform/errors.ts';
import type { SlackServices } from '../../services.ts';
import { failureText, isUnexpected, noticeAnswer } from '../listener-errors.ts';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Where a refusal with this code is shown: under an input block of the form, or (undefined) instead of the form. */
export type FieldOf = (code: string) => string | undefined;

/**
 * A form submission handler. Work before the ack (parsing, the membership check, validation, a fast
 * transaction) can still be answered in the form: a refusal the form has a field for shows under it
 * and the form stays open; any other refusal, or a form that cannot be read, replaces the form with a
 * notice saying nothing was saved. The handler acks itself when it has work to do after the ack.
 */
export function onSubmit(services: SlackServices, listener: string, fieldOf: FieldOf, handler: (args: ViewArgs) => Promise<void>) {
  return async (args: ViewArgs) => {
    let acknowledged = false;
    const ack = async (response?: ViewResponseAction) => {
      acknowledged = true;
      await args.ack(response as never);
    };
    try {
      await handler({ ...args, ack } as ViewArgs);
      if (!acknowledged) await ack();
    } catch (error) {
      const field = isDomainError(error) ? fieldOf(error.code) : undefined;
      if (acknowledged) failureText(services, error, { listener, surface: 'form' });
      else if (field) await ack({ response_action: 'errors', errors: { [field]: (error as Error).message } });
      else await ack(noticeAnswer(services, failureText(services, error, { listener, surface: 'form' })));
      if (isUnexpected(error)) throw error;
    }
  };
}

/** For forms whose refusals have no field of their own. */
export const noField: FieldOf = () => undefined;
