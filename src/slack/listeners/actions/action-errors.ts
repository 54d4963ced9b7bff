import type { SlackServices } from '../../services.ts';
import { isDomainError } from '../../../platform/errors.ts';

type Respond = ((message: { response_type: 'ephemeral'; replace_original: false; text: string }) => Promise<unknown>) | undefined;

/** Runs a button's work; a DomainError reaches the clicker as an ephemeral message, anything else is logged. */
export async function withActionErrors(services: SlackServices, respond: Respond, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const text = isDomainError(error) ? `:warning: ${error.message}` : services.copy.render('errors.generic', { reference: Date.now().toString(36) });
    if (!isDomainError(error)) services.logger.error({ err: error }, 'button action failed');
    await respond?.({ response_type: 'ephemeral', replace_original: false, text }).catch((e: unknown) => services.logger.warn({ err: e }, 'cannot reply to a click'));
    if (!isDomainError(error)) throw error;
  }
}

/** The workspace a Slack interaction came from. */
export function teamOf(body: { team?: { id?: string } | null; user?: { team_id?: string } }): string {
  return body.team?.id ?? body.user?.team_id ?? '';
}
