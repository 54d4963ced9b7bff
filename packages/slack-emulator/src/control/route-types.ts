/** The shape of a control API endpoint, and the hints its errors show. */
import type { Emulator } from '../emulator.ts';
import type { JsonObject } from '../types.ts';
import type { FieldSpec } from './body.ts';
import type { PendingValues } from './forms.ts';

/** What every endpoint works with: the emulator, and what people typed into modals not yet sent. */
export interface ControlContext {
  emulator: Emulator;
  pending: PendingValues;
}

/** An endpoint's answer: JSON (default status 200) or plain text. */
export type Reply = { status?: number; json?: unknown; text?: string };

/** The request as an endpoint sees it: the JSON body, the path after the endpoint name, the query. */
export interface ControlRequest {
  body: JsonObject;
  rest: string;
  query: URLSearchParams;
}

/** One endpoint: `POST say`, `GET render/<channel>`, … */
export interface ControlRoute {
  method: 'GET' | 'POST';
  /** First path segment under /_emulator/. */
  name: string;
  /** What goes after the name, for the endpoint list (e.g. '<channel>'). */
  param?: string;
  /** Body fields (POST): name → hint; a name ending in '?' is optional. */
  fields?: FieldSpec;
  summary: string;
  handle(ctx: ControlContext, req: ControlRequest): Promise<Reply> | Reply;
}

export const USER = 'a user: alice, @alice or U0ALICE';
export const CHANNEL = 'a channel: #name, name or C…';
export const MESSAGE = 'a message: its ts, "latest" (latest app message) or {"containing":"text"}';
