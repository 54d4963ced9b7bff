import type { SlackServices } from '../../services.ts';
import { failureText } from '../listener-errors.ts';

type Replies = {
  ack: (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>;
  respond: (message: { response_type: 'ephemeral'; text: string }) => Promise<unknown>;
};

/** Tells the person who ran a command what went wrong, in the acknowledgement or, once acked, through response_url. */
export async function replyWithError(
  services: SlackServices,
  args: Replies,
  error: unknown,
  listener: string,
): Promise<void> {
  const text = failureText(services, error, { listener, surface: 'command' });
  // ack() throws if the subcommand already acknowledged; then the reply goes through response_url.
  try {
    await args.ack({ response_type: 'ephemeral', text });
  } catch {
    await args
      .respond({ response_type: 'ephemeral', text })
      .catch((respondError: unknown) => services.logger.warn({ err: respondError }, 'cannot reply to /incident'));
  }
}
