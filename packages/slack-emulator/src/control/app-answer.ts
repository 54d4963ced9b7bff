/** The app's HTTP answer to what a person did, as they care about it: status, and the body when there is one. */
import type { AppResponse } from '../app-transport.ts';
import type { JsonObject } from '../types.ts';

/** `{status, json | body, timedOut?}` of the app's answer. */
export function appAnswer(response: AppResponse): JsonObject {
  return {
    status: response.status,
    ...(response.json !== undefined ? { json: response.json } : response.body ? { body: response.body } : {}),
    ...(response.timedOut ? { timedOut: true } : {}),
  };
}
