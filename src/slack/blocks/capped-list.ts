import type { KnownBlock } from '@slack/types';

/** A titled group of items, each item one or more blocks that stay together (a line and its buttons). */
export type BlockGroup = { header: KnownBlock[]; items: KnownBlock[][]; empty?: KnownBlock[] };

/**
 * Lays the groups out within `maxBlocks`: whole items only, in order; when some do not fit, the last
 * block is `more(count)` naming how many were left out (plus `alsoLeft`, counted elsewhere), so the
 * surface never passes Slack's limit.
 */
export function cappedGroups(
  groups: readonly BlockGroup[],
  maxBlocks: number,
  more: (count: number) => KnownBlock,
  alsoLeft = 0,
): KnownBlock[] {
  const full = groups.flatMap((group) =>
    group.items.length === 0
      ? group.empty
        ? [...group.header, ...group.empty]
        : []
      : [...group.header, ...group.items.flat()],
  );
  if (full.length + (alsoLeft > 0 ? 1 : 0) <= maxBlocks) return alsoLeft > 0 ? [...full, more(alsoLeft)] : full;
  // One block is kept for the "and N more" line.
  const budget = maxBlocks - 1;
  const blocks: KnownBlock[] = [];
  let left = alsoLeft;
  for (const group of groups) {
    if (group.items.length === 0) {
      const empty = group.empty ? [...group.header, ...group.empty] : [];
      if (blocks.length + empty.length <= budget) blocks.push(...empty);
      continue;
    }
    let headerShown = false;
    for (const item of group.items) {
      const needed = item.length + (headerShown ? 0 : group.header.length);
      if (left === alsoLeft && blocks.length + needed <= budget) {
        if (!headerShown) blocks.push(...group.header);
        headerShown = true;
        blocks.push(...item);
      } else left++;
    }
  }
  return left > 0 ? [...blocks, more(left)] : blocks;
}

/** A context line (small grey text) in mrkdwn. */
export function contextLine(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** A section of mrkdwn text, cut to Block Kit's 3,000 characters. */
export function mrkdwnSection(text: string, blockId?: string): KnownBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: text.length <= 3000 ? text : `${text.slice(0, 2999)}…` },
  };
}
