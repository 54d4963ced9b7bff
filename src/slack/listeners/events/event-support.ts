import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../../services.ts';
import { failureText, isUnexpected } from '../listener-errors.ts';

export type EventArgs<T extends string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;

/** One Events API handler: it parses, calls one service. */
export type EventHandler<T extends string> = (services: SlackServices, args: EventArgs<T>) => Promise<void>;

/**
 * An Events API handler. Nobody is waiting for an answer, so a failure goes to the log through the
 * same classification as every other surface: refusals and unreadable payloads stop there; anything
 * else is thrown for the inbox to retry.
 */
export function onEvent<T extends string>(services: SlackServices, listener: string, handler: EventHandler<T>) {
  return async (args: EventArgs<T>) => {
    try {
      await handler(services, args);
    } catch (error) {
      // failureText logs it: a refusal at warn with its code, anything else at error with its cause.
      failureText(services, error, { listener, surface: 'event' });
      if (isUnexpected(error)) throw error;
    }
  };
}
