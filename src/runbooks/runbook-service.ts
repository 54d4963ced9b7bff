import { recordAudit } from '../audit/index.ts';
import { appendTimelineEntries, recordTypedRedactions } from '../entry-log/index.ts';
import { queueCardRefresh, requireIncident } from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';
import { redactFields } from '../platform/secrets.ts';
import { type EffectQueue, inTransaction } from '../platform/transaction.ts';
import { timelineStream } from '../timeline/index.ts';
import { findRunbook, offerTsOf, type RunbookDeps, runbookSteps } from './runbook.ts';
import {
  bypassSteps,
  completeRunIfFinished,
  findRun,
  findRunByStartKey,
  insertRun,
  listRunSteps,
  type RunbookRun,
  settleStep,
} from './runbook-repo.ts';

/** The outbox stream of a run's checklist message (posted once, then edited in place). */
export function runbookStream(runId: number): string {
  return `runbook:${runId}`;
}

export type StartRunbookInput = {
  teamId: string;
  incidentId?: number;
  channelId?: string;
  name: string;
  userId: string;
  startKey?: string;
};

/**
 * Starts a run of a runbook in an incident: a snapshot of its steps, a timeline and audit entry, and
 * the checklist message queued. Runs twice when asked twice, except from one offer's button.
 */
export async function startRunbook(
  deps: RunbookDeps,
  input: StartRunbookInput,
): Promise<{ run: RunbookRun; created: boolean }> {
  const runbooks = deps.runbooks ?? [];
  const runbook = findRunbook(runbooks, input.name);
  if (!runbook) {
    const known = runbooks.map((r) => r.name).join(', ') || 'none yet: add YAML files to templates/runbooks';
    throw new DomainError(
      'runbook.unknown',
      `There is no runbook "${input.name}". Available: ${known}. Try \`/incident runbook <name>\`.`,
    );
  }
  const now = deps.clock.now();
  const result = await inTransaction(deps, async (tx, effects) => {
    const incident = await requireIncident(tx, input);
    if (input.startKey) {
      const existing = await findRunByStartKey(tx, { teamId: input.teamId, startKey: input.startKey });
      if (existing) return { run: existing, created: false };
    }
    const run = await insertRun(tx, {
      teamId: input.teamId,
      incidentId: incident.id,
      runbookName: runbook.name,
      title: runbook.title,
      steps: runbookSteps(runbook),
      startedBy: input.userId,
      startedAt: now,
      startKey: input.startKey ?? null,
    });
    if (!run) {
      const raced = await findRunByStartKey(tx, { teamId: input.teamId, startKey: input.startKey ?? '' });
      if (!raced) throw new Error('runbook run insert returned no row');
      return { run: raced, created: false };
    }
    await appendTimelineEntries(tx, [
      {
        teamId: input.teamId,
        incidentId: incident.id,
        kind: 'runbook_started',
        occurredAt: now,
        actorId: input.userId,
        text: `Runbook “${runbook.title}” started`,
        data: { runId: run.id, runbook: runbook.name },
        sourceKey: `runbook:${run.id}:started`,
      },
    ]);
    await recordAudit(tx, [
      {
        teamId: input.teamId,
        incidentId: incident.id,
        actorId: input.userId,
        action: 'runbook.started',
        after: { runId: run.id, runbook: runbook.name },
        at: now,
      },
    ]);
    queueChecklistRefresh(effects, run);
    queueOfferRefresh(effects, run);
    queueCardRefresh(effects, { teamId: input.teamId, incidentId: incident.id });
    return { run, created: true };
  });
  return result;
}

export type StepAction = { kind: 'done' } | { kind: 'skip'; reason: string } | { kind: 'branch'; index: number };

/** Records a step as done, skipped (with a reason, stored redacted) or decided; a repeated click changes nothing. */
export async function actOnStep(
  deps: RunbookDeps,
  input: { teamId: string; runId: number; stepId: string; userId: string; action: StepAction },
): Promise<{ changed: boolean }> {
  const now = deps.clock.now();
  const changed = await inTransaction(deps, async (tx, effects) => {
    const run = await findRun(tx, { teamId: input.teamId, runId: input.runId });
    if (!run) throw new DomainError('runbook.run_not_found', 'This runbook run no longer exists.');
    const steps = await listRunSteps(tx, run);
    const step = steps.find((s) => s.id === input.stepId);
    if (!step) throw new DomainError('runbook.step_not_found', 'This step is not part of the runbook run.');
    const { action } = input;
    if (action.kind === 'done' && step.decision)
      throw new DomainError('runbook.decision_needed', `“${step.title}” is a decision: pick one of its branches.`);
    const branch = action.kind === 'branch' ? step.decision?.[action.index] : undefined;
    if (action.kind === 'branch' && !branch)
      throw new DomainError('runbook.unknown_branch', 'That branch is not part of this decision.');
    const typed = redactFields({ skip_reason: action.kind === 'skip' ? action.reason : undefined });
    const reason = typed.values.skip_reason?.trim();
    if (action.kind === 'skip' && !reason)
      throw new DomainError('runbook.reason_required', 'Say why the step is skipped.');
    const state = action.kind === 'skip' ? 'skipped' : 'done';
    const settled = await settleStep(tx, {
      teamId: input.teamId,
      runId: run.id,
      stepId: step.id,
      state,
      actorId: input.userId,
      at: now,
      ...(reason ? { reason } : {}),
      ...(branch ? { branch: branch.label } : {}),
    });
    if (!settled) return false;
    if (branch) {
      const target = steps.find((s) => s.id === branch.goto);
      await bypassSteps(tx, {
        teamId: input.teamId,
        runId: run.id,
        after: step.position,
        before: target?.position ?? step.position,
        also: branch.skip ?? [],
        actorId: input.userId,
        at: now,
      });
    }
    const verb = branch
      ? `decided “${branch.label}”`
      : state === 'skipped'
        ? `skipped (${reason})`
        : step.verification
          ? 'verified'
          : 'done';
    const base = { teamId: input.teamId, incidentId: run.incidentId, occurredAt: now, actorId: input.userId };
    await appendTimelineEntries(tx, [
      {
        ...base,
        kind: 'runbook_step',
        text: `Runbook “${run.title}”: ${step.title} — ${verb} by <@${input.userId}>`,
        data: { runId: run.id, stepId: step.id, state, reason, branch: branch?.label },
        sourceKey: `runbook:${run.id}:step:${step.id}`,
      },
    ]);
    await recordAudit(tx, [
      {
        teamId: input.teamId,
        incidentId: run.incidentId,
        actorId: input.userId,
        action: `runbook.step_${branch ? 'decided' : state}`,
        after: { runId: run.id, stepId: step.id, reason, branch: branch?.label },
        at: now,
      },
    ]);
    if (await completeRunIfFinished(tx, { teamId: input.teamId, runId: run.id, at: now })) {
      await appendTimelineEntries(tx, [
        {
          ...base,
          kind: 'runbook_completed',
          text: `Runbook “${run.title}” completed`,
          data: { runId: run.id },
          sourceKey: `runbook:${run.id}:completed`,
        },
      ]);
      await recordAudit(tx, [
        {
          teamId: input.teamId,
          incidentId: run.incidentId,
          actorId: input.userId,
          action: 'runbook.completed',
          after: { runId: run.id },
          at: now,
        },
      ]);
      queueOfferRefresh(effects, run);
    }
    await recordTypedRedactions(tx, effects, {
      teamId: input.teamId,
      incidentId: run.incidentId,
      userId: input.userId,
      at: now,
      found: typed.found,
      key: `runbook:${run.id}:step:${step.id}`,
      stream: timelineStream(run.incidentId),
    });
    queueChecklistRefresh(effects, run);
    queueCardRefresh(effects, { teamId: input.teamId, incidentId: run.incidentId });
    return true;
  });
  return { changed };
}

/** Queues one redraw of a run's checklist; while one is still waiting, later changes ride on it. */
function queueChecklistRefresh(effects: EffectQueue, run: RunbookRun): void {
  effects.coalesce({
    teamId: run.teamId,
    stream: runbookStream(run.id),
    kind: 'runbook.checklist',
    payload: { runId: run.id, incidentId: run.incidentId },
  });
}

/** Queues a redraw of the offer a run was started from, so it says who started it instead of offering Start. */
function queueOfferRefresh(effects: EffectQueue, run: RunbookRun): void {
  const offerTs = offerTsOf(run);
  if (!offerTs) return;
  effects.coalesce({
    teamId: run.teamId,
    stream: `runbook-offer:${run.incidentId}:${offerTs}`,
    kind: 'runbooks.offer_refresh',
    payload: { incidentId: run.incidentId, offerTs },
  });
}
