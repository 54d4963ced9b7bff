import { performance } from 'node:perf_hooks';
import type { Emulator } from '@firebreak/slack-emulator';
import { benchWorkspace } from '../../bench/slack-requests.ts';
import type { ScratchDatabase } from '../database.ts';
import { type IncidentRow, waitForEmptyOutbox, waitUntil } from '../emulated-slack.ts';

// What slack-down decides while Slack is away, and what each decision must leave behind.

export const users = { alice: 'U0ALICE', bob: 'U0BOB', carol: 'U0CAROL', dave: 'U0DAVE' } as const;
const formOwners = [users.alice, users.bob, users.carol, users.dave];
/** Each role assignment gives a role to someone who does not hold it: every assignment posts once. */
const roleRotation = ['comms', 'ops', 'scribe', 'commander'] as const;
export const roleNames: Record<string, string> = {
  commander: 'Incident commander',
  comms: 'Comms lead',
  ops: 'Ops lead',
  scribe: 'Scribe',
};
const rotatingUsers = [users.bob, users.carol, users.dave];
const forwardStatuses = ['identified', 'monitoring'] as const;
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One decision taken while Slack is down, and the post it must leave in its incident's channel (if any). */
export type Decision = { n: number; incident: number; kind: string; sentAs: string; post?: string; answered?: number };

/** What the scenario itself says each incident must end as. */
export type Expected = { severity: string; status: string; roles: Map<string, string>; form?: Form };
type Form = { kind: 'update' | 'resolve'; userId: string; viewId: string; submitted: boolean };

export type Command = (userId: string, channelId: string, text: string) => Promise<number>;

/**
 * While Slack is up, opens a form per incident for submitting while it is down: the resolution form of the
 * first (alice's), a stakeholder update form for each other (bob's, carol's, dave's, who are given the scribe
 * role first so they are in the channel). Slack keeps one modal per person, hence one person per form.
 */
export async function openForms(
  emulator: Emulator,
  database: ScratchDatabase,
  rows: IncidentRow[],
  expected: Expected[],
  command: Command,
): Promise<void> {
  for (const [k, row] of rows.entries()) {
    const userId = formOwners[k] as string;
    const channelId = row.channel_id as string;
    const kind = k === 0 ? 'resolve' : 'update';
    if (userId !== users.alice) {
      await command(users.alice, channelId, `role scribe <@${userId}>`);
      (expected[k] as Expected).roles.set('scribe', userId);
      await waitForEmptyOutbox(database);
    }
    const before = emulator.workspace.views(userId).length;
    await command(userId, channelId, kind);
    const callbackId = kind === 'resolve' ? 'incident_resolve' : 'stakeholder_update';
    let viewId: string | undefined;
    await waitUntil(async () => {
      viewId = emulator.workspace
        .views(userId)
        .slice(before)
        .find((v) => v.callback_id === callbackId && v.isOpen)?.id;
      return viewId !== undefined;
    }, 10_000);
    if (!viewId) throw new Error(`no ${callbackId} form opened for ${userId} in ${channelId}`);
    (expected[k] as Expected).form = { kind, userId, viewId, submitted: false };
  }
}

/**
 * Spreads decisions over the outage, incidents in turn: severity changes, role assignments, status moves,
 * notes, milestones, the forms opened before it (the resolution last of all), and one new declare halfway.
 */
export async function decideWhileDown(
  emulator: Emulator,
  rows: IncidentRow[],
  expected: Expected[],
  outageMs: number,
  command: Command,
): Promise<Decision[]> {
  const count = Math.max(12, Math.round(outageMs / 10_000));
  const spacingMs = outageMs / (count + 1);
  const startedAt = performance.now();
  const decisions: Decision[] = [];
  const cycle = ['sev', 'role', 'note', 'status', 'sev', 'milestone', 'role', 'update'];
  const roleTurns = rows.map(() => 0);
  for (let n = 1; n <= count; n++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + n * spacingMs - performance.now())));
    const last = n === count;
    const k = last ? 0 : (n - 1) % rows.length;
    const row = rows[k] as IncidentRow;
    const state = expected[k] as Expected;
    const channelId = row.channel_id as string;
    const decision: Decision = { n, incident: k, kind: '', sentAs: '' };
    let kind = last ? 'resolve' : (cycle[Math.floor((n - 1) / rows.length) % cycle.length] as string);
    if (n === Math.ceil(count / 2)) kind = 'declare';
    if (kind === 'update' && (k === 0 || state.form?.submitted)) kind = 'note';
    if (kind === 'status' && !forwardStatuses.some((s) => s === nextStatus(state.status))) kind = 'sev';
    if (kind === 'role' && roleTurns[k] === roleRotation.length * rotatingUsers.length) kind = 'sev';
    if (k === 0 && state.status === 'resolved') kind = 'note';
    decision.kind = kind;
    if (kind === 'declare') {
      decision.sentAs = 'declare sev3 Slack down while down';
      decision.answered = await command(users.alice, benchWorkspace.channelId, decision.sentAs);
    } else if (kind === 'sev') {
      const to = state.severity === 'sev3' ? 'sev2' : 'sev3';
      // "taken" ends the number: decision 1's text must not be found in decision 10's post.
      decision.sentAs = `sev ${to} decision ${n} taken`;
      decision.post = `: decision ${n} taken`;
      state.severity = to;
      decision.answered = await command(users.alice, channelId, decision.sentAs);
    } else if (kind === 'role') {
      let role: string;
      let userId: string;
      do {
        const turn = roleTurns[k] ?? 0;
        roleTurns[k] = turn + 1;
        role = roleRotation[turn % roleRotation.length] as string;
        userId = rotatingUsers[(turn + Math.floor(turn / roleRotation.length)) % rotatingUsers.length] as string;
      } while (state.roles.get(role) === userId);
      decision.sentAs = `role ${role} <@${userId}>`;
      decision.post = `<@${userId}> is now ${roleNames[role]}`;
      state.roles.set(role, userId);
      decision.answered = await command(users.alice, channelId, decision.sentAs);
    } else if (kind === 'status') {
      const to = nextStatus(state.status) as string;
      decision.sentAs = `status ${to}`;
      decision.post = `set the status to *${capitalise(to)}*`;
      state.status = to;
      decision.answered = await command(users.alice, channelId, decision.sentAs);
    } else if (kind === 'update' || kind === 'resolve') {
      const form = state.form as Form;
      form.submitted = true;
      decision.sentAs = `${form.kind} form`;
      const values =
        form.kind === 'resolve'
          ? { severity: 'sev3', change_induced: 'no', impact: `Resolved while Slack was down, decision ${n}` }
          : {
              status: `Update decision ${n}: working around it`,
              impact: 'Some customers see errors',
              actions: 'Rolling back',
              eta: 'Within the hour',
              confidence: 'medium',
              next_update: '30',
            };
      if (form.kind === 'resolve') {
        decision.post = 'set the status to *Resolved*';
        state.status = 'resolved';
        state.severity = 'sev3';
      } else decision.post = `Update decision ${n}:`;
      const submitted = await emulator.submitView({ userId: form.userId, viewId: form.viewId, values });
      decision.answered = submitted.status;
    } else {
      decision.sentAs = kind === 'milestone' ? `milestone started ${n}` : `note decision ${n}`;
      const text = kind === 'milestone' ? 'milestone started' : `note decision ${n}`;
      decision.answered = await command(users.alice, channelId, text);
    }
    decisions.push(decision);
  }
  return decisions;
}

function nextStatus(status: string): string | undefined {
  if (status === 'investigating') return 'identified';
  if (status === 'identified') return 'monitoring';
  return undefined;
}
