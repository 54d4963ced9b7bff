/**
 * The control API under `/_emulator/`: everything a person does in Slack (commands, messages, buttons,
 * menus, modals, reactions, pins, membership, shortcuts), addressed by what they see — names and labels,
 * not ids — plus reading what they see and moving the clock. The endpoints live in ./control/.
 */

import type { PendingValues } from './control/forms.ts';
import { controlHandler } from './control/routes.ts';
import type { Emulator } from './emulator.ts';

export { controlRoutes, endpointList } from './control/routes.ts';

/** Route handler for `/_emulator/<path>`. */
export function controlRoute(emulator: Emulator) {
  const pending: PendingValues = new Map();
  return controlHandler({ emulator, pending });
}
