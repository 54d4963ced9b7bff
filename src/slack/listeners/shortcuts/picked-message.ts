import { addMessageToTimeline } from '../../../timeline/index.ts';
import type { SlackClient } from '../../client.ts';
import type { PickedMessage } from '../../parse/timeline-views.ts';
import type { SlackServices } from '../../services.ts';

/** Records a message picked with the shortcut, with its permalink when the bot may read it. */
export async function recordPickedMessage(
  services: SlackServices,
  client: SlackClient,
  params: { teamId: string; incidentId: number; actorId: string; message: PickedMessage },
): Promise<void> {
  const { message } = params;
  let permalink: string | undefined;
  try {
    permalink = (await client.chat.getPermalink({ channel: message.channelId, message_ts: message.ts })).permalink;
  } catch (error) {
    services.logger.info({ err: error }, 'no permalink for a message added to the timeline');
  }
  await addMessageToTimeline(services.deps, {
    teamId: params.teamId,
    incidentId: params.incidentId,
    actorId: params.actorId,
    channelId: message.channelId,
    ts: message.ts,
    authorId: message.authorId,
    text: message.text,
    permalink,
    threadTs: message.threadTs,
  });
}
