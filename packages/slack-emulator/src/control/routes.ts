/** Dispatching `/_emulator/<name>[/<rest>]` to its endpoint, with the body checked and errors a person can act on. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackApiError } from '../errors.ts';
import { sendJson, sendText } from '../http-body.ts';
import { ControlError, checkFields, parseBody } from './body.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { peopleRoutes } from './people-routes.ts';
import { readRoutes } from './read-routes.ts';
import type { ControlContext, ControlRoute } from './route-types.ts';
import { userRoutes } from './user-routes.ts';

/** Every control endpoint. */
export const controlRoutes: ControlRoute[] = [...readRoutes, ...peopleRoutes, ...interactionRoutes, ...userRoutes];

/** One line per endpoint: `POST /_emulator/say  {user, channel, text, thread?} — post a message`. */
export function endpointList(): string[] {
  return controlRoutes.map((route) => {
    const path = `/_emulator/${route.name}${route.param ? `/${route.param}` : ''}`;
    const fields = route.fields ? ` {${Object.keys(route.fields).join(', ')}}` : '';
    return `${route.method} ${path}${fields} — ${route.summary}`;
  });
}

function messageOf(error: unknown): string {
  if (error instanceof SlackApiError) return `Slack error ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** The route handler the emulator's server mounts at `/_emulator/`. */
export function controlHandler(ctx: ControlContext) {
  return async (req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer, url: URL): Promise<void> => {
    const [name = '', ...rest] = path.split('/');
    const method = req.method === 'POST' ? 'POST' : 'GET';
    const route = controlRoutes.find((candidate) => candidate.method === method && candidate.name === name);
    if (!route || (method === 'GET' && req.method !== 'GET')) {
      const other = controlRoutes.find((candidate) => candidate.name === name);
      const problem = other
        ? `/_emulator/${name} takes ${other.method}, not ${req.method}`
        : `unknown control endpoint ${req.method} /_emulator/${path}`;
      return sendJson(res, other ? 405 : 404, { error: problem, endpoints: endpointList() });
    }
    try {
      const body = route.method === 'POST' ? parseBody(raw) : {};
      if (route.fields) checkFields(body, route.fields, name);
      const reply = await route.handle(ctx, { body, rest: rest.join('/'), query: url.searchParams });
      if (reply.text !== undefined) return sendText(res, reply.status ?? 200, reply.text);
      return sendJson(res, reply.status ?? 200, reply.json ?? {});
    } catch (error) {
      // Driver errors (InteractionError: not in the channel, required input empty, …) are the person's to fix too.
      const status = error instanceof ControlError ? error.status : 400;
      sendJson(res, status, { error: messageOf(error) });
    }
  };
}
