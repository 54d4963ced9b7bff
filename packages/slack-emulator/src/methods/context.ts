/** What a Web API method handler gets to work with. */
import type { ApiArgs } from '../args.ts';
import type { RateLimiter } from '../rate-limits.ts';
import type { TriggerRegistry } from '../triggers.ts';
import type { Clock } from '../types.ts';
import type { Workspace } from '../workspace.ts';

/** Shared services for method handlers. */
export interface MethodContext {
  workspace: Workspace;
  clock: Clock;
  triggers: TriggerRegistry;
  rateLimits: RateLimiter;
  /** Emulator origin, e.g. `http://127.0.0.1:4123` (for upload URLs and file links). */
  baseUrl: string;
}

/**
 * A Web API method: returns the response fields besides `ok: true`, or throws `SlackApiError`
 * for `{ ok: false, error }`.
 */
export type MethodHandler = (ctx: MethodContext, args: ApiArgs) => Record<string, unknown>;

/** Handlers by method name, e.g. `{ 'chat.postMessage': … }`. */
export type MethodTable = Record<string, MethodHandler>;
