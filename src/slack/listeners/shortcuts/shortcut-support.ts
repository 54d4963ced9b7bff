import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../../services.ts';
import { answeringFailures } from '../listener-errors.ts';

export type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** One message shortcut handler: it parses, calls one service and renders; onShortcut acks and answers failures. */
export type ShortcutHandler = (services: SlackServices, args: ShortcutArgs) => Promise<void>;

/** A message shortcut handler: acks at once (Slack's 3 seconds), runs the work, and answers a failure ephemerally. */
export function onShortcut(services: SlackServices, listener: string, handler: ShortcutHandler) {
  return async (args: ShortcutArgs) => {
    await args.ack();
    await answeringFailures(
      services,
      { listener, surface: 'shortcut' },
      () => handler(services, args),
      (text) => args.respond({ response_type: 'ephemeral', text }),
    );
  };
}
