import type { KnownBlock } from '@slack/types';
import { type OutboxEffect, PermanentEffectError } from '../../outbox/index.ts';
import { ids } from '../ids.ts';
import type { EffectContext } from './effect-context.ts';

type PostArgs = { channel: string; text: string; blocks?: KnownBlock[]; thread_ts?: string };

/**
 * Posts a message exactly once per effect. Each post carries the effect id as message metadata; when
 * an earlier attempt may have reached Slack, the channel's recent history is checked first. `channel`
 * may be a user's id: chat.postMessage then posts into the app's DM with them (no conversations.open,
 * a Tier 3 call, on the common path) and the answer names the DM.
 */
export async function postOnce(
  ctx: EffectContext,
  effect: OutboxEffect,
  args: PostArgs,
): Promise<{ ts: string; channel: string }> {
  if (effect.uncertain) {
    const found = await findPostedByEffect(ctx, effect, args);
    if (found) return { ts: found, channel: args.channel };
  }
  const response = await ctx.client.chat.postMessage({
    ...args,
    unfurl_links: false,
    unfurl_media: false,
    metadata: { event_type: ids.metadata.effect, event_payload: { effect_id: effect.id } },
  });
  return { ts: response.ts as string, channel: (response.channel as string) ?? args.channel };
}

const userIdPattern = /^[UW][A-Z0-9]+$/;

async function openDirectMessage(ctx: EffectContext, userId: string): Promise<string> {
  const opened = await ctx.client.conversations.open({ users: userId });
  if (!opened.channel?.id) throw new PermanentEffectError(`conversations.open gave no channel for ${userId}`);
  return opened.channel.id;
}

async function findPostedByEffect(
  ctx: EffectContext,
  effect: OutboxEffect,
  args: PostArgs,
): Promise<string | undefined> {
  // History is read by conversation id: a user's id is opened to the DM only here, on a retry.
  const channel = userIdPattern.test(args.channel) ? await openDirectMessage(ctx, args.channel) : args.channel;
  const page = args.thread_ts
    ? await ctx.client.conversations.replies({
        channel,
        ts: args.thread_ts,
        limit: 15,
        include_all_metadata: true,
      })
    : await ctx.client.conversations.history({ channel, limit: 15, include_all_metadata: true });
  const match = page.messages?.find((message) => {
    const metadata = (message as { metadata?: { event_type?: string; event_payload?: { effect_id?: unknown } } })
      .metadata;
    return metadata?.event_type === ids.metadata.effect && Number(metadata.event_payload?.effect_id) === effect.id;
  });
  return match?.ts;
}
