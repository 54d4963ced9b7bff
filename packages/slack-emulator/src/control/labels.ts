/**
 * Finding the button or menu option a person means by its label, in a message's or modal's blocks, as
 * an ElementSelection the drivers take. Unknown or ambiguous labels are errors that list what there is.
 */
import type { ElementSelection } from '../interaction-payloads.ts';
import type { Block, JsonObject } from '../types.ts';
import { ControlError } from './body.ts';

/** Lowercase, single spaces, without the emoji and marks (▾, ✓, :x:) around the words. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/:[a-z0-9_+-]+:/g, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The plain text of a text object. */
export function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? String((value as JsonObject).text ?? '') : '';
}

/** The options of a select, overflow, radio or checkbox element (option groups flattened). */
export function optionsOf(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? (element.options as JsonObject[]) : [];
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as JsonObject[]) : [];
  return [
    ...direct,
    ...groups.flatMap((group) => (Array.isArray(group.options) ? (group.options as JsonObject[]) : [])),
  ];
}

type Located = { blockId: string; element: JsonObject };

function elementsOf(blocks: Block[]): Located[] {
  const found: Located[] = [];
  for (const block of blocks) {
    const blockId = String(block.block_id ?? '');
    if (block.type === 'actions' && Array.isArray(block.elements))
      for (const element of block.elements as JsonObject[]) found.push({ blockId, element });
    if (typeof block.accessory === 'object' && block.accessory !== null)
      found.push({ blockId, element: block.accessory as JsonObject });
  }
  return found;
}

/** The one candidate whose label matches; `what` names the kind in errors ("button", "option"). */
export function pickByLabel<T>(
  candidates: Array<{ label: string; item: T }>,
  label: string,
  what: string,
  where: string,
): T {
  const wanted = normalizeLabel(label);
  const exact = candidates.filter((candidate) => normalizeLabel(candidate.label) === wanted);
  // "SEV2" for "SEV2 · Significant: degraded service…": a person types the first words of a long label.
  const leading = candidates.filter((candidate) => {
    const normalized = normalizeLabel(candidate.label);
    return wanted !== '' && normalized.startsWith(wanted) && /^[^\p{L}\p{N}]/u.test(normalized.slice(wanted.length));
  });
  const matches = exact.length > 0 ? exact : leading;
  const labels = [...new Set(candidates.map((candidate) => `'${candidate.label}'`))];
  if (matches.length === 0)
    throw new ControlError(
      labels.length === 0
        ? `${where} has no ${what}s`
        : `${where} has no ${what} '${label}': its ${what}s are ${labels.join(', ')}`,
    );
  if (matches.length > 1)
    throw new ControlError(`${where} has ${matches.length} ${what}s labelled '${label}': it is ambiguous`);
  return (matches[0] as { item: T }).item;
}

/** The button labelled `label` in `blocks`. */
export function buttonByLabel(blocks: Block[], label: string, where: string): ElementSelection {
  const buttons = elementsOf(blocks).filter(({ element }) => element.type === 'button');
  const found = pickByLabel(
    buttons.map((item) => ({ label: textOf(item.element.text), item })),
    label,
    'button',
    where,
  );
  return {
    actionId: String(found.element.action_id),
    blockId: found.blockId,
    ...(typeof found.element.value === 'string' ? { value: found.element.value } : {}),
  };
}

const CHOOSABLE = new Set(['static_select', 'overflow', 'radio_buttons', 'checkboxes', 'multi_static_select']);

/** What a menu shows before it is opened: its current choice or its placeholder. */
function menuLabel(element: JsonObject): string {
  return textOf((element.initial_option as JsonObject | undefined)?.text) || textOf(element.placeholder) || '⋯';
}

/** The option labelled `option` of a menu in `blocks`; `menu` (what the closed menu shows) picks among menus. */
export function optionByLabel(
  blocks: Block[],
  option: string,
  menu: string | undefined,
  where: string,
): ElementSelection {
  let menus = elementsOf(blocks).filter(({ element }) => CHOOSABLE.has(String(element.type)));
  if (menu !== undefined)
    menus = [
      pickByLabel(
        menus.map((item) => ({ label: menuLabel(item.element), item })),
        menu,
        'menu',
        where,
      ),
    ];
  const choices = menus.flatMap((found) =>
    optionsOf(found.element).map((candidate) => ({ label: textOf(candidate.text), item: { found, candidate } })),
  );
  const { found, candidate } = pickByLabel(choices, option, 'option', where);
  const multi = found.element.type === 'checkboxes' || found.element.type === 'multi_static_select';
  return {
    actionId: String(found.element.action_id),
    blockId: found.blockId,
    ...(multi ? { selectedValues: [candidate.value] } : { selectedValue: candidate.value }),
  };
}
