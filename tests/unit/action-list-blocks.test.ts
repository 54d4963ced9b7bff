import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/actions/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import { actionDmMessage } from '../../src/slack/blocks/action-dm.ts';
import { actionListBlocks, actionsPerPage, listBlockPrefix, listOfBlock } from '../../src/slack/blocks/action-list.ts';
import { proposalBlocks } from '../../src/slack/blocks/action-proposals.ts';
import { ids } from '../../src/slack/ids.ts';
import { actionPageValue, parseActionPageValue } from '../../src/slack/parse/action-page-value.ts';

const copy = await loadCopy();

function action(number: number, overrides: Partial<Action> = {}): Action {
  const at = new Date('2026-12-01T10:00:00Z');
  return {
    id: number,
    teamId: 'T1',
    number,
    incidentId: 1,
    text: `Add alert ${number}`,
    ownerId: 'U0BOB',
    dueDate: '2026-12-20',
    type: 'corrective',
    priority: null,
    trackerKey: null,
    status: 'open',
    snoozedUntil: null,
    followUpId: null,
    createdBy: 'U0ALICE',
    createdAt: at,
    updatedAt: at,
    closedBy: null,
    closedAt: null,
    closeNote: null,
    ...overrides,
  };
}

type Block = { type: string; block_id?: string; elements?: Array<{ action_id?: string; value?: string }> };

describe('a list button value', () => {
  it('round-trips every scope', () => {
    for (const target of [
      { scope: 'incident', incidentId: 12 },
      { scope: 'owner', ownerId: 'U0BOB' },
      { scope: 'overdue' },
    ] as const)
      expect(parseActionPageValue(actionPageValue(target, 3))).toEqual({ target, page: 3 });
  });

  it('refuses what no list button carries', () => {
    for (const value of ['', 'i:12', 'x:1:1', 'o:bob:1', 'i:12:0', `i:${'9'.repeat(20)}:1`, 42])
      expect(() => parseActionPageValue(value), String(value)).toThrow();
  });

  it('is found in the button block of a list item, and not in a direct message', () => {
    const blocks = actionListBlocks(copy, {
      title: 'Mine',
      items: [{ action: action(5), incidentRef: 'INC-1', today: '2026-12-03' }],
      hidden: 0,
      page: 2,
      total: 15,
      pageValue: (page) => actionPageValue({ scope: 'owner', ownerId: 'U0BOB' }, page),
    }) as Block[];
    const buttons = blocks.find((b) => b.block_id?.endsWith('_buttons:5'))!;
    expect(listOfBlock(buttons.block_id!)).toBe('o:U0BOB:2');
    expect(buttons.block_id).toBe(`${listBlockPrefix('o:U0BOB:2')}_buttons:5`);
    const dm = actionDmMessage(copy, {
      lead: 'x',
      item: { action: action(5), incidentRef: 'INC-1', today: '2026-12-03' },
    });
    for (const block of dm.blocks as Block[]) expect(listOfBlock(block.block_id ?? '')).toBeUndefined();
  });
});

describe('a page of actions', () => {
  it('stays under 50 blocks with ids unique, paging buttons each in a block of their own', () => {
    const items = Array.from({ length: actionsPerPage }, (_, index) => ({
      action: action(index + 11),
      incidentRef: 'INC-1',
      today: '2026-12-03',
    }));
    const blocks = actionListBlocks(copy, {
      title: 'Actions of INC-1',
      items,
      hidden: 2,
      page: 2,
      total: 40,
      pageValue: (page) => `i:1:${page}`,
    }) as Block[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    const blockIds = blocks.map((b) => b.block_id).filter(Boolean);
    expect(new Set(blockIds).size).toBe(blockIds.length);
    const paging = blocks.filter((b) => b.elements?.some((e) => e.action_id === ids.actions.actionsPage));
    expect(paging.map((b) => b.elements!.map((e) => e.value))).toEqual([['i:1:1'], ['i:1:3']]);
    expect(JSON.stringify(blocks)).toContain('2 actions from private incidents');
    expect(JSON.stringify(blocks)).toContain('11–20 of 40');
  });

  it('marks an overdue open action and shows a closed one with its evidence, without buttons', () => {
    const blocks = actionListBlocks(copy, {
      title: 't',
      items: [
        { action: action(1, { dueDate: '2026-12-01' }), incidentRef: 'INC-1', today: '2026-12-03' },
        {
          action: action(2, { status: 'done', closeNote: 'PR 812', closedBy: 'U0BOB' }),
          incidentRef: 'INC-1',
          today: '2026-12-03',
        },
      ],
      hidden: 0,
      page: 1,
      total: 2,
      pageValue: (page) => `i:1:${page}`,
    }) as Array<Block & { text?: { text: string } }>;
    const lines = blocks.filter((b) => b.block_id?.includes('_item:')).map((b) => b.text!.text);
    expect(lines[0]).toMatch(/^:red_circle: \*ACT-1\*.*\*\(overdue\)\*/);
    expect(lines[1]).toMatch(/^:white_check_mark: \*ACT-2\*.*done: PR 812/);
    expect(blocks.filter((b) => b.block_id?.includes('_buttons:')).map((b) => b.block_id)).toEqual([
      'alist-i:1:1_buttons:1',
    ]);
  });
});

describe('proposed actions', () => {
  it('are nothing when there are none, else one Accept button per proposal carrying its id', () => {
    expect(proposalBlocks(copy, { ref: 'INC-1', proposals: [] })).toEqual([]);
    const blocks = proposalBlocks(copy, { ref: 'INC-1', proposals: [{ id: 7, text: 'Write a runbook for search' }] });
    expect(JSON.stringify(blocks)).toContain(`"action_id":"${ids.actions.actionAcceptProposal}"`);
    expect(JSON.stringify(blocks)).toContain('"value":"7"');
  });
});
