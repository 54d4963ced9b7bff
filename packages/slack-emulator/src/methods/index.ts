/** The table of every Web API method the emulator implements. */
import { bookmarkMethods } from './bookmarks.ts';
import { canvasMethods } from './canvases.ts';
import { chatMethods } from './chat.ts';
import type { MethodTable } from './context.ts';
import { conversationMethods } from './conversations.ts';
import { historyMethods } from './conversations-history.ts';
import { fileMethods } from './files.ts';
import { pinMethods } from './pins.ts';
import { reactionMethods } from './reactions.ts';
import { userMethods } from './users.ts';
import { viewMethods } from './views.ts';

export type { MethodContext, MethodHandler, MethodTable } from './context.ts';

/** All implemented methods by name. */
export const webApiMethods: MethodTable = {
  ...userMethods,
  ...conversationMethods,
  ...historyMethods,
  ...chatMethods,
  ...pinMethods,
  ...reactionMethods,
  ...bookmarkMethods,
  ...viewMethods,
  ...fileMethods,
  ...canvasMethods,
};
