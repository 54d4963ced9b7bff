import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ActionPriority, ActionStatus, ActionType } from './action.ts';
import type { ActionEventKind } from './action-model.ts';

/** Corrective actions, numbered per workspace (ACT-17); each belongs to the incident it came from. */
export const actionsTable = pgTable(
  'actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    number: integer('number').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).notNull(),
    text: text('text').notNull(),
    ownerId: text('owner_id').notNull(),
    /** The due day (YYYY-MM-DD) as the person who set it meant it; overdue is judged in the owner's zone. */
    dueDate: text('due_date').notNull(),
    type: text('type').notNull().$type<ActionType>(),
    priority: text('priority').$type<ActionPriority>(),
    trackerKey: text('tracker_key'),
    status: text('status').notNull().default('open').$type<ActionStatus>(),
    snoozedUntil: text('snoozed_until'),
    followUpId: bigint('follow_up_id', { mode: 'number' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeNote: text('close_note'),
  },
  (table) => [
    uniqueIndex('actions_team_number').on(table.teamId, table.number),
    index('actions_owner_open').on(table.teamId, table.ownerId, table.dueDate).where(sql`status = 'open'`),
    index('actions_incident').on(table.teamId, table.incidentId),
    index('actions_open_due').on(table.teamId, table.dueDate).where(sql`status = 'open'`),
    // Stats read the actions due in a period, whatever became of them.
    index('actions_team_due').on(table.teamId, table.dueDate),
    // A proposed follow-up becomes at most one action, however many people click Accept.
    uniqueIndex('actions_follow_up_once').on(table.teamId, table.followUpId),
  ],
);

/** Every change to an action, with who made it and the note they gave; never updated or deleted. */
export const actionEventsTable = pgTable(
  'action_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    actionId: bigint('action_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull().$type<ActionEventKind>(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    note: text('note'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  (table) => [index('action_events_action').on(table.teamId, table.actionId, table.at)],
);

/**
 * One row per person who has ever owned an action: when their next weekly reminder is due (null
 * while they have nothing open) and the week last reminded, which makes each week's reminder once.
 */
export const actionOwnersTable = pgTable(
  'action_owners',
  {
    teamId: text('team_id').notNull(),
    ownerId: text('owner_id').notNull(),
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true }),
    /** The local date of the reminder day last sent (the week's key), in the owner's zone then. */
    remindedWeek: text('reminded_week'),
    timeZone: text('time_zone'),
  },
  (table) => [
    uniqueIndex('action_owners_pk').on(table.teamId, table.ownerId),
    // The weekly sweep reads a workspace's due owners in reminder order, a page at a time.
    index('action_owners_due').on(table.teamId, table.nextReminderAt).where(sql`next_reminder_at IS NOT NULL`),
  ],
);
