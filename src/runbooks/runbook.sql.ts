import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { RunbookStep } from './runbook.ts';

/** One run of a runbook in an incident; the steps are a snapshot, so editing the YAML mid-run is safe. */
export const runbookRunsTable = pgTable(
  'runbook_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).notNull(),
    runbookName: text('runbook_name').notNull(),
    title: text('title').notNull(),
    steps: jsonb('steps').notNull().$type<RunbookStep[]>(),
    status: text('status').notNull().default('active').$type<'active' | 'completed'>(),
    startedBy: text('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    // Set when started from an offer's button: a double click on it starts one run, not two.
    startKey: text('start_key'),
  },
  (table) => [
    index('runbook_runs_incident').on(table.teamId, table.incidentId),
    uniqueIndex('runbook_runs_start_key').on(table.teamId, table.startKey),
  ],
);

export type StepState = 'pending' | 'done' | 'skipped' | 'bypassed';

/** Where each step of a run stands; changed only by conditional updates from 'pending'. */
export const runbookRunStepsTable = pgTable(
  'runbook_run_steps',
  {
    teamId: text('team_id').notNull(),
    runId: bigint('run_id', { mode: 'number' }).notNull(),
    stepId: text('step_id').notNull(),
    position: integer('position').notNull(),
    state: text('state').notNull().default('pending').$type<StepState>(),
    actorId: text('actor_id'),
    at: timestamp('at', { withTimezone: true }),
    reason: text('reason'),
    branch: text('branch'),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.runId, table.stepId] })],
);
