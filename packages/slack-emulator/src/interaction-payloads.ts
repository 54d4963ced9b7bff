/**
 * Building interaction payloads the way Slack does: locating the element a user clicked and describing
 * the action (`actions[]` of block_actions), plus the user/team references every payload carries.
 */
import { elementState, InteractionError } from './element-values.ts';
import type { Block, JsonObject } from './types.ts';
import type { Workspace } from './workspace.ts';

/** What the test says the user did with an element. */
export interface ElementSelection {
  actionId: string;
  /** Only consider this block. */
  blockId?: string;
  /** For buttons: the button's `value` (picks among buttons sharing an action_id). */
  value?: string;
  /** For single selects, overflow, radio buttons, pickers: the chosen value (user id for users_select, …). */
  selectedValue?: unknown;
  /** For multi selects and checkboxes: the chosen values. */
  selectedValues?: unknown[];
}

/** An element found in a list of blocks. */
export interface FoundElement {
  blockId: string;
  element: JsonObject;
}

function interactiveElements(block: Block): JsonObject[] {
  const found: JsonObject[] = [];
  if (block.type === 'actions' && Array.isArray(block.elements)) found.push(...(block.elements as JsonObject[]));
  if (typeof block.accessory === 'object' && block.accessory !== null) found.push(block.accessory as JsonObject);
  if (block.type === 'input' && typeof block.element === 'object' && block.element !== null)
    found.push(block.element as JsonObject);
  return found;
}

/** Finds the element a user interacts with; throws InteractionError when the UI has no such element. */
export function findElement(blocks: Block[] | undefined, selection: ElementSelection, where: string): FoundElement {
  const matches: FoundElement[] = [];
  for (const block of blocks ?? []) {
    const blockId = String(block.block_id ?? '');
    if (selection.blockId !== undefined && blockId !== selection.blockId) continue;
    for (const element of interactiveElements(block)) {
      if (element.action_id !== selection.actionId) continue;
      if (selection.value !== undefined && element.type === 'button' && element.value !== selection.value) continue;
      matches.push({ blockId, element });
    }
  }
  const match = matches[0];
  if (!match) {
    const detail = selection.value !== undefined ? ` with value '${selection.value}'` : '';
    throw new InteractionError(`${where} has no element with action_id '${selection.actionId}'${detail}`);
  }
  return match;
}

/** The `actions[]` entry Slack sends for an interaction with `found`. */
export function blockAction(
  workspace: Workspace,
  found: FoundElement,
  selection: ElementSelection,
  actionTs: string,
): JsonObject {
  const { element, blockId } = found;
  const base: JsonObject = { type: element.type, action_id: element.action_id, block_id: blockId, action_ts: actionTs };
  if (element.type === 'button') {
    return {
      ...base,
      text: element.text,
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
    };
  }
  const picked = selection.selectedValues ?? selection.selectedValue;
  if (picked === undefined)
    throw new InteractionError(`${String(element.type)} '${selection.actionId}' needs selectedValue or selectedValues`);
  const placeholder = element.placeholder !== undefined ? { placeholder: element.placeholder } : {};
  return { ...base, ...elementState(workspace, element, picked), ...placeholder };
}

/** The `user` object of interaction payloads. */
export function userRef(workspace: Workspace, userId: string): JsonObject {
  const user = workspace.user(userId);
  if (!user) throw new InteractionError(`unknown user '${userId}'`);
  return { id: user.id, username: user.name, name: user.name, team_id: workspace.identity.teamId };
}

/** The `team` object of interaction payloads. */
export function teamRef(workspace: Workspace): JsonObject {
  return { id: workspace.identity.teamId, domain: workspace.identity.teamDomain };
}
