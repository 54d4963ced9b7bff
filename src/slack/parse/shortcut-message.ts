import { z } from 'zod';

const shortcutSchema = z.object({
  channel: z.object({ id: z.string().min(1) }),
  message_ts: z.string().min(1),
  message: z.object({
    text: z.string().nullish(),
    user: z.string().optional(),
    thread_ts: z.string().optional(),
  }),
});

/** The message a message shortcut was run on. */
export type ShortcutMessage = { channelId: string; ts: string; text: string; authorId?: string; threadTs?: string };

/** Reads the message a message shortcut names; a ZodError (a refusal, not a crash) when it is missing or mistyped. */
export function shortcutMessageOf(shortcut: unknown): ShortcutMessage {
  const parsed = shortcutSchema.parse(shortcut);
  return {
    channelId: parsed.channel.id,
    ts: parsed.message_ts,
    text: parsed.message.text ?? '',
    ...(parsed.message.user ? { authorId: parsed.message.user } : {}),
    ...(parsed.message.thread_ts ? { threadTs: parsed.message.thread_ts } : {}),
  };
}
