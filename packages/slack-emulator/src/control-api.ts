/**
 * A small HTTP control API under `/_emulator/` so a person can drive the emulator with curl:
 * `GET channels`, `GET render/<channel>`, `GET calls`, `POST command`, `POST say`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from './http-body.ts';
import type { JsonObject } from './types.ts';

/** What the control API needs from the emulator. */
export interface ControlTarget {
  workspace: {
    channels(): Array<{ id: string; name: string; is_private: boolean; is_archived: boolean; members: string[] }>;
    resolveChannel(ref: string): { id: string } | undefined;
  };
  calls: unknown[];
  render(channel: string): string;
  slashCommand(params: { userId: string; channelId: string; command?: string; text?: string }): Promise<unknown>;
  userSays(params: { userId: string; channelId: string; text: string; threadTs?: string }): Promise<unknown>;
}

function stringField(body: JsonObject, name: string, required = true): string | undefined {
  const value = body[name];
  if (typeof value === 'string' && value !== '') return value;
  if (required) throw new Error(`missing string field '${name}'`);
  return undefined;
}

/** Route handler for `/_emulator/<path>`. */
export function controlRoute(target: ControlTarget) {
  return async (req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer): Promise<void> => {
    try {
      const body = (raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {}) as JsonObject;
      const channelId = (): string => {
        const ref = stringField(body, 'channelId') ?? '';
        return target.workspace.resolveChannel(ref)?.id ?? ref;
      };
      if (req.method === 'GET' && path === 'channels') {
        return sendJson(
          res,
          200,
          target.workspace
            .channels()
            .map(({ id, name, is_private, is_archived, members }) => ({ id, name, is_private, is_archived, members })),
        );
      }
      if (req.method === 'GET' && path.startsWith('render/'))
        return sendText(res, 200, target.render(path.slice('render/'.length)));
      if (req.method === 'GET' && path === 'calls') return sendJson(res, 200, target.calls);
      if (req.method === 'POST' && path === 'command') {
        const command = stringField(body, 'command', false);
        const result = await target.slashCommand({
          userId: stringField(body, 'userId') ?? '',
          channelId: channelId(),
          text: stringField(body, 'text', false) ?? '',
          ...(command ? { command } : {}),
        });
        return sendJson(res, 200, result);
      }
      if (req.method === 'POST' && path === 'say') {
        const threadTs = stringField(body, 'threadTs', false);
        const result = await target.userSays({
          userId: stringField(body, 'userId') ?? '',
          channelId: channelId(),
          text: stringField(body, 'text') ?? '',
          ...(threadTs ? { threadTs } : {}),
        });
        return sendJson(res, 200, result);
      }
      sendJson(res, 404, { error: `unknown control endpoint ${req.method} /_emulator/${path}` });
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}
