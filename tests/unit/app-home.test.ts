import { validateBlocks } from '@firebreak/slack-emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../src/actions/index.ts';
import { type Copy, loadCopy } from '../../src/platform/copy.ts';
import { actionReminderMessage } from '../../src/slack/blocks/action-reminder.ts';
import { type AppHomeModel, appHomeView, type HomeIncidentLine } from '../../src/slack/blocks/app-home.ts';
import { ids } from '../../src/slack/ids.ts';

let copy: Copy;
beforeAll(async () => {
  copy = await loadCopy();
});

const today = '2026-12-09';

function anAction(number: number, dueDate: string, text = `Fix flaky check ${number}`): Action {
  const at = new Date('2026-12-01T10:00:00Z');
  return {
    id: number,
    teamId: 'T1',
    number,
    incidentId: 1,
    text,
    ownerId: 'U0BOB',
    dueDate,
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
  };
}

const item = (action: Action) => ({ action, incidentRef: 'INC-1', today });
const incidentLine = (n: number, extra: Partial<HomeIncidentLine> = {}): HomeIncidentLine => ({
  ref: `INC-${n}`,
  title: `Incident ${n}`,
  severity: 'SEV2',
  status: 'investigating',
  isPrivate: false,
  channelId: `C0INC${n}`,
  roles: [],
  ...extra,
});

function model(overrides: Partial<AppHomeModel> = {}): AppHomeModel {
  return { incidents: [], actions: [], moreActions: 0, postmortems: [], ...overrides };
}

const text = (blocks: unknown[]) => JSON.stringify(blocks);

describe('the App Home builder', () => {
  it('starts with the Declare incident button', () => {
    const view = appHomeView(copy, model());
    expect(view.type).toBe('home');
    expect(text(view.blocks.slice(0, 1))).toContain(`"action_id":"${ids.actions.homeDeclare}"`);
  });

  it('says so when there are no incidents and no actions', () => {
    const shown = text(appHomeView(copy, model()).blocks);
    expect(shown).toContain('No open incidents');
    expect(shown).toContain('You have no open actions');
    expect(shown).not.toContain('Postmortems you own');
  });

  it('names the roles the person holds and marks a private incident', () => {
    const shown = text(
      appHomeView(copy, model({ incidents: [incidentLine(3, { roles: ['Incident commander'], isPrivate: true })] }))
        .blocks,
    );
    expect(shown).toContain('you: Incident commander');
    expect(shown).toContain(':lock: private');
  });

  it('gives each open action its four buttons', () => {
    const view = appHomeView(copy, model({ actions: [item(anAction(7, '2026-12-01'))] }));
    const buttons = view.blocks.find((b) => b.type === 'actions' && b.block_id === 'home_buttons:7');
    expect(text([buttons])).toContain(ids.actions.actionDone);
    expect(text([buttons])).toContain(ids.actions.actionWontDo);
    expect(text(view.blocks)).toContain('(overdue)');
  });

  it('keeps within 100 blocks and counts what it left out, loaded or not', () => {
    const actions = Array.from({ length: 50 }, (_, i) => item(anAction(i + 1, '2026-12-30')));
    const view = appHomeView(copy, model({ incidents: [incidentLine(1)], actions, moreActions: 12 }));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const listed = text(view.blocks).match(/Fix flaky check \d+/g) ?? [];
    const more = text(view.blocks).match(/and (\d+) more — `\/incident actions mine`/);
    expect(Number(more?.[1])).toBe(50 + 12 - listed.length);
    expect(validateBlocks(view.blocks as never, 'home')).toEqual([]);
  });

  it('adds the "and N more" line for actions not loaded even when the rest fits', () => {
    const view = appHomeView(copy, model({ actions: [item(anAction(1, '2026-12-30'))], moreActions: 12 }));
    expect(text(view.blocks.slice(-1))).toContain('and 12 more');
  });

  it('never splits an action from its buttons at the cap', () => {
    const actions = Array.from({ length: 60 }, (_, i) => item(anAction(i + 1, '2026-12-30')));
    const blocks = appHomeView(copy, model({ actions })).blocks;
    const lines = blocks.filter((b) => b.block_id?.startsWith('home_item:')).length;
    const buttons = blocks.filter((b) => b.block_id?.startsWith('home_buttons:')).length;
    expect(lines).toBe(buttons);
  });
});

describe('the weekly reminder builder', () => {
  it('keeps within 50 blocks, with the rest counted', () => {
    const later = Array.from({ length: 40 }, (_, i) => item(anAction(i + 1, '2026-12-30')));
    const message = actionReminderMessage(copy, { overdue: [item(anAction(99, '2026-12-01'))], thisWeek: [], later });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(text(message.blocks)).toMatch(/and \d+ more/);
    expect(message.text).toContain('41 open actions, 1 overdue');
    expect(validateBlocks(message.blocks as never, 'message')).toEqual([]);
  });

  it('leaves out the heading of an empty group', () => {
    const message = actionReminderMessage(copy, { overdue: [], thisWeek: [item(anAction(1, today))], later: [] });
    expect(text(message.blocks)).toContain('Due this week');
    expect(text(message.blocks)).not.toContain('Overdue');
  });
});
