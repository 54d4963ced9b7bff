import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import { isDomainError } from '../../../platform/errors.ts';
import type { SlackServices } from '../../services.ts';
import { failureText, isUnexpected, noticeAnswer } from '../listener-errors.ts';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** One form submission handler: it parses, calls one service; it acks itself when work follows the ack. */
export type SubmitHandler = (services: SlackServices, args: ViewArgs) => Promise<void>;

/** Where a refusal with this code is shown: under an input block of the form, or (undefined) instead of the form. */
export type FieldOf = (code: string, services: SlackServices) => string | undefined;

/**
 * A form submission handler. Work before the ack (parsing, the membership check, validation, a fast
 * transaction) can still be answered in the form: a refusal the form has a field for shows under it
 * and the form stays open; any other refusal, or a form that cannot be read, replaces the form with a
 * notice saying nothing was saved. The handler acks itself when it has work to do after the ack.
 */
export function onSubmit(services: SlackServices, listener: string, fieldOf: FieldOf, handler: SubmitHandler) {
  return async (args: ViewArgs) => {
    let acknowledged = false;
    const ack = async (response?: ViewResponseAction) => {
      acknowledged = true;
      await args.ack(response as never);
    };
    try {
      await handler(services, { ...args, ack } as ViewArgs);
      if (!acknowledged) await ack();
    } catch (error) {
      const field = isDomainError(error) ? fieldOf(error.code, services) : undefined;
      if (acknowledged) failureText(services, error, { listener, surface: 'form' });
      else if (field) await ack({ response_action: 'errors', errors: { [field]: (error as Error).message } });
      else await ack(noticeAnswer(services, failureText(services, error, { listener, surface: 'form' })));
      if (isUnexpected(error)) throw error;
    }
  };
}

/** For forms whose refusals have no field of their own. */
export const noField: FieldOf = () => undefined;

/** Whether a time a form gives is more than a minute ahead of now (clock skew allowed). */
export function isInFuture(services: SlackServices, at: Date | undefined): boolean {
  return at !== undefined && at.getTime() > services.deps.clock.now().getTime() + 60_000;
}
