import { and, asc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { runbookRunStepsTable, runbookRunsTable, type StepState } from './runbook.sql.ts';
import type { RunbookStep } from './runbook.ts';

export type RunbookRun = typeof runbookRunsTable.$inferSelect;
export type RunStep = RunbookStep & {
  position: number;
  state: StepState;
  actorId: string | null;
  at: Date | null;
  reason: string | null;
  branch: string | null;
};

export async function insertRun(
  db: Queryable,
  values: typeof runbookRunsTable.$inferInsert,
): Promise<RunbookRun | undefined> {
  const [run] = await db.insert(runbookRunsTable).values(values).onConflictDoNothing().returning();
  if (run) {
    await db
      .insert(runbookRunStepsTable)
      .values(run.steps.map((step, position) => ({ teamId: run.teamId, runId: run.id, stepId: step.id, position })));
  }
  return run;
}

export async function findRunByStartKey(
  db: Queryable,
  params: { teamId: string; startKey: string },
): Promise<RunbookRun | undefined> {
  const [run] = await db
    .select()
    .from(runbookRunsTable)
    .where(and(eq(runbookRunsTable.teamId, params.teamId), eq(runbookRunsTable.startKey, params.startKey)));
  return run;
}

export async function findRun(
  db: Queryable,
  params: { teamId: string; runId: number },
): Promise<RunbookRun | undefined> {
  const [run] = await db
    .select()
    .from(runbookRunsTable)
    .where(and(eq(runbookRunsTable.teamId, params.teamId), eq(runbookRunsTable.id, params.runId)));
  return run;
}

export async function listRuns(db: Queryable, params: { teamId: string; incidentId: number }): Promise<RunbookRun[]> {
  return db
    .select()
    .from(runbookRunsTable)
    .where(and(eq(runbookRunsTable.teamId, params.teamId), eq(runbookRunsTable.incidentId, params.incidentId)))
    .orderBy(asc(runbookRunsTable.id));
}

/** A run's steps in order with where each stands. */
export async function listRunSteps(db: Queryable, run: RunbookRun): Promise<RunStep[]> {
  const rows = await db
    .select()
    .from(runbookRunStepsTable)
    .where(and(eq(runbookRunStepsTable.teamId, run.teamId), eq(runbookRunStepsTable.runId, run.id)))
    .orderBy(asc(runbookRunStepsTable.position));
  return rows.flatMap((row) => {
    const step = run.steps[row.position];
    return step
      ? [
          {
            ...step,
            position: row.position,
            state: row.state,
            actorId: row.actorId,
            at: row.at,
            reason: row.reason,
            branch: row.branch,
          },
        ]
      : [];
  });
}

/** Moves a step out of 'pending'; false when it already was (a double click changes nothing). */
export async function settleStep(
  db: Queryable,
  params: {
    teamId: string;
    runId: number;
    stepId: string;
    state: Exclude<StepState, 'pending'>;
    actorId: string;
    at: Date;
    reason?: string;
    branch?: string;
  },
): Promise<boolean> {
  const rows = await db
    .update(runbookRunStepsTable)
    .set({
      state: params.state,
      actorId: params.actorId,
      at: params.at,
      reason: params.reason ?? null,
      branch: params.branch ?? null,
    })
    .where(
      and(
        eq(runbookRunStepsTable.teamId, params.teamId),
        eq(runbookRunStepsTable.runId, params.runId),
        eq(runbookRunStepsTable.stepId, params.stepId),
        eq(runbookRunStepsTable.state, 'pending'),
      ),
    )
    .returning({ stepId: runbookRunStepsTable.stepId });
  return rows.length === 1;
}

/** Marks the pending steps a decision jumped over (or named) as bypassed. */
export async function bypassSteps(
  db: Queryable,
  params: { teamId: string; runId: number; after: number; before: number; also: string[]; actorId: string; at: Date },
): Promise<void> {
  await db
    .update(runbookRunStepsTable)
    .set({ state: 'bypassed', actorId: params.actorId, at: params.at })
    .where(
      and(
        eq(runbookRunStepsTable.teamId, params.teamId),
        eq(runbookRunStepsTable.runId, params.runId),
        eq(runbookRunStepsTable.state, 'pending'),
        or(
          and(gt(runbookRunStepsTable.position, params.after), lt(runbookRunStepsTable.position, params.before)),
          params.also.length > 0 ? inArray(runbookRunStepsTable.stepId, params.also) : undefined,
        ),
      ),
    );
}

/** Completes the run once no step is pending; true only for the call that completed it. */
export async function completeRunIfFinished(
  db: Queryable,
  params: { teamId: string; runId: number; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(runbookRunsTable)
    .set({ status: 'completed', completedAt: params.at })
    .where(
      and(
        eq(runbookRunsTable.teamId, params.teamId),
        eq(runbookRunsTable.id, params.runId),
        eq(runbookRunsTable.status, 'active'),
        sql`NOT EXISTS (SELECT 1 FROM runbook_run_steps s WHERE s.team_id = ${params.teamId} AND s.run_id = ${params.runId} AND s.state = 'pending')`,
      ),
    )
    .returning({ id: runbookRunsTable.id });
  return rows.length === 1;
}

export async function setRunMessage(
  db: Queryable,
  params: { teamId: string; runId: number; channelId: string; messageTs: string },
): Promise<void> {
  await db
    .update(runbookRunsTable)
    .set({ channelId: params.channelId, messageTs: params.messageTs })
    .where(and(eq(runbookRunsTable.teamId, params.teamId), eq(runbookRunsTable.id, params.runId)));
}

/** Done-or-skipped counts of each run of an incident, for the card. */
export async function runProgress(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<Array<{ runId: number; title: string; settled: number; total: number; status: string }>> {
  const runs = await listRuns(db, params);
  const result = [];
  for (const run of runs) {
    const steps = await listRunSteps(db, run);
    result.push({
      runId: run.id,
      title: run.title,
      settled: steps.filter((s) => s.state !== 'pending').length,
      total: steps.length,
      status: run.status,
    });
  }
  return result;
}
