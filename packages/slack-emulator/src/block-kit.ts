/**
 * Block Kit validation with Slack's limits (50 blocks per message, 100 per view, section text 3,000, …)
 * and id generation for stored blocks. Problems are returned as Slack's `response_metadata.messages`.
 */
import { createHash } from 'node:crypto';
import { BlockKitChecker, checkElement, checkImage } from './block-kit-elements.ts';
import type { Block, JsonObject } from './types.ts';

/** Where blocks are shown; decides block limits and allowed block types. */
export type Surface = 'message' | 'modal' | 'home';

const SURFACE_BLOCK_TYPES: Record<Surface, string[]> = {
  message: [
    'section',
    'header',
    'divider',
    'context',
    'actions',
    'input',
    'image',
    'rich_text',
    'markdown',
    'file',
    'video',
  ],
  modal: ['section', 'header', 'divider', 'context', 'actions', 'input', 'image', 'rich_text', 'video'],
  home: ['section', 'header', 'divider', 'context', 'actions', 'input', 'image', 'rich_text', 'video'],
};

/** Validates a `blocks` array for `surface`; returns Slack-style problem messages (empty when valid). */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): string[] {
  const check = new BlockKitChecker();
  checkBlocks(check, blocks, surface, pointer);
  return check.problems;
}

/** Validates a view payload (modal or home) including its blocks; returns problem messages. */
export function validateView(view: unknown, pointer = '/view'): string[] {
  const check = new BlockKitChecker();
  if (!check.object(view, pointer)) return check.problems;
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    check.error(`${pointer}/type`, 'must be a valid enum value (modal, home)');
    return check.problems;
  }
  if (type === 'modal') {
    check.text(view, 'title', pointer, { max: 24, plainOnly: true, required: true });
    check.text(view, 'submit', pointer, { max: 24, plainOnly: true });
    check.text(view, 'close', pointer, { max: 24, plainOnly: true });
    const blocks = Array.isArray(view.blocks) ? view.blocks : [];
    const hasInput = blocks.some(
      (block) => typeof block === 'object' && block !== null && (block as JsonObject).type === 'input',
    );
    if (hasInput && (view.submit === undefined || view.submit === null))
      check.error(pointer, 'missing required field: submit (required when the view has input blocks)');
  }
  check.string(view, 'private_metadata', pointer, { max: 3000 });
  check.string(view, 'callback_id', pointer, { max: 255 });
  check.string(view, 'external_id', pointer, { max: 255 });
  if (view.blocks === undefined) check.error(pointer, 'missing required field: blocks');
  else checkBlocks(check, view.blocks, type, `${pointer}/blocks`);
  return check.problems;
}

function checkBlocks(check: BlockKitChecker, blocks: unknown, surface: Surface, pointer: string): void {
  if (!Array.isArray(blocks)) {
    check.error(pointer, 'must provide an array');
    return;
  }
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) check.error(pointer, `no more than ${max} items allowed`);
  const seenBlockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const blockPointer = `${pointer}/${index}`;
    if (!check.object(block, blockPointer)) return;
    const blockId = block.block_id;
    if (blockId !== undefined) {
      check.string(block, 'block_id', blockPointer, { max: 255, min: 1 });
      if (seenBlockIds.has(String(blockId)))
        check.error(`${blockPointer}/block_id`, `duplicate block_id: ${String(blockId)}`);
      seenBlockIds.add(String(blockId));
    }
    checkBlock(check, block, surface, blockPointer);
  });
}

function checkBlock(check: BlockKitChecker, block: JsonObject, surface: Surface, pointer: string): void {
  const type = String(block.type);
  if (!SURFACE_BLOCK_TYPES[surface].includes(type)) {
    check.error(
      `${pointer}/type`,
      block.type === undefined ? 'missing required field: type' : `unsupported block type: ${type}`,
    );
    return;
  }
  switch (type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined)
        check.error(pointer, 'must provide either text or fields');
      check.text(block, 'text', pointer, { max: 3000 });
      const fields = check.array(block, 'fields', pointer, { max: 10, min: 1 }) ?? [];
      for (const [index, field] of fields.entries())
        check.textObject(field, `${pointer}/fields/${index}`, { max: 2000 });
      if (block.accessory !== undefined) checkElement(check, block.accessory, `${pointer}/accessory`, 'accessory');
      return;
    }
    case 'header':
      check.text(block, 'text', pointer, { max: 150, plainOnly: true, required: true });
      return;
    case 'context': {
      const elements = check.array(block, 'elements', pointer, { max: 10, min: 1, required: true }) ?? [];
      elements.forEach((element, index) => {
        const elementPointer = `${pointer}/elements/${index}`;
        if (!check.object(element, elementPointer)) return;
        if (element.type === 'image') checkImage(check, element, elementPointer);
        else check.textObject(element, elementPointer, { max: 3000 });
      });
      return;
    }
    case 'actions': {
      const elements = check.array(block, 'elements', pointer, { max: 25, min: 1, required: true }) ?? [];
      const seen = new Set<string>();
      elements.forEach((element, index) => {
        const elementPointer = `${pointer}/elements/${index}`;
        checkElement(check, element, elementPointer, 'actions');
        const actionId = (element as JsonObject | null)?.action_id;
        if (typeof actionId === 'string') {
          if (seen.has(actionId)) check.error(`${elementPointer}/action_id`, `duplicate action_id: ${actionId}`);
          seen.add(actionId);
        }
      });
      return;
    }
    case 'input':
      check.text(block, 'label', pointer, { max: 2000, plainOnly: true, required: true });
      check.text(block, 'hint', pointer, { max: 2000, plainOnly: true });
      if (block.element === undefined) check.error(pointer, 'missing required field: element');
      else checkElement(check, block.element, `${pointer}/element`, 'input');
      return;
    case 'image':
      checkImage(check, block, pointer);
      check.text(block, 'title', pointer, { max: 2000, plainOnly: true });
      return;
    case 'rich_text':
      check.array(block, 'elements', pointer, { max: 1000, required: true });
      return;
    case 'markdown':
      check.string(block, 'text', pointer, { max: 12000, required: true, min: 1 });
      return;
    case 'file':
      check.string(block, 'external_id', pointer, { max: 255, required: true });
      check.string(block, 'source', pointer, { max: 255, required: true });
      return;
    default:
      return;
  }
}

/**
 * Copy of `blocks` with the ids Slack fills in: a `block_id` on every block and an `action_id` on every
 * interactive element lacking one. Ids are derived from `seed` so runs are reproducible.
 */
export function withGeneratedIds(blocks: Block[], seed: string): Block[] {
  return blocks.map((original, index) => {
    const block: Block = structuredClone(original);
    if (block.block_id === undefined) block.block_id = shortId(`${seed}:${index}:${JSON.stringify(original)}`);
    const elements: unknown[] = [];
    if (Array.isArray(block.elements) && block.type === 'actions') elements.push(...block.elements);
    if (block.accessory !== undefined) elements.push(block.accessory);
    if (block.element !== undefined) elements.push(block.element);
    elements.forEach((element, elementIndex) => {
      if (typeof element !== 'object' || element === null) return;
      const record = element as JsonObject;
      if (record.action_id === undefined && record.type !== 'image')
        record.action_id = shortId(`${seed}:${index}:${elementIndex}:a`);
    });
    return block;
  });
}

function shortId(input: string): string {
  return createHash('sha256').update(input).digest('base64url').replace(/[-_]/g, 'x').slice(0, 5);
}
