import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.ts';
import { onEvent } from './event-support.ts';
import { homeOpened } from './home-opened.ts';
import { memberJoinedChannel } from './member-joined-channel.ts';
import { memberLeftChannel } from './member-left-channel.ts';
import { messagePosted } from './message-posted.ts';
import { pinAdded } from './pin-added.ts';
import { pinRemoved } from './pin-removed.ts';
import { reactionAdded } from './reaction-added.ts';
import { reactionRemoved } from './reaction-removed.ts';

/** Every Events API subscription, one line each; manifest.yml must subscribe to each. */
export function registerEvents(app: App, services: SlackServices): void {
  app.event('message', onEvent(services, 'message event', messagePosted));
  app.event('reaction_added', onEvent(services, 'reaction added', reactionAdded));
  app.event('reaction_removed', onEvent(services, 'reaction removed', reactionRemoved));
  app.event('pin_added', onEvent(services, 'pin added', pinAdded));
  app.event('pin_removed', onEvent(services, 'pin removed', pinRemoved));
  app.event('member_joined_channel', onEvent(services, 'member joined', memberJoinedChannel));
  app.event('member_left_channel', onEvent(services, 'member left', memberLeftChannel));
  app.event('app_home_opened', onEvent(services, 'home opened', homeOpened));
}
