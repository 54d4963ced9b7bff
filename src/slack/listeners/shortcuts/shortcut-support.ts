import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../../services.ts';
import { failureText, isUnexpected } from '../listener-errors.ts';

export type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** One message shortcut handler: it parses, calls one service and renders; onShortcut acks and answers failures. */
export type ShortcutHandler = (services: SlackServices, args: ShortcutArgs) => Promise<void>;

/** A message shortcut handler: acks at once (Slack's 3 seconds), runs the work, and answers a failure ephemerally. */
export function onShortcut(services: SlackServices, listener: string, handler: ShortcutHandler) {
  return async (args: ShortcutArgs) => {
    await args.ack();
    try {
      await handler(services, args);
    } catch (error) {
      const text = failureText(services, error, { listener, surface: 'shortcut' });
      await args
        .respond({ response_type: 'ephemeral', text })
        .catch((e: unknown) => services.logger.warn({ err: e }, 'cannot reply to a shortcut'));
      // Refusals and unreadable payloads are answered; anything else is left for the inbox to retry.
      if (isUnexpected(error)) throw error;
    }
  };
}
