import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export type SourceMessage = { channelId: string; ts: string; permalink?: string; text: string; authorId?: string };

export const incidentsTable = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    number: integer('number').notNull(),
    // The inbox key of the request that declared it: a replayed request finds the incident it made.
    declareKey: text('declare_key').notNull(),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull().default('investigating'),
    isPrivate: boolean('is_private').notNull().default(false),
    isDrill: boolean('is_drill').notNull().default(false),
    customerImpact: text('customer_impact').notNull().default(''),
    services: jsonb('services').notNull().$type<string[]>().default([]),
    sourceMessage: jsonb('source_message').$type<SourceMessage>(),
    declaredBy: text('declared_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
    channelName: text('channel_name').notNull(),
    channelId: text('channel_id'),
    cardTs: text('card_ts'),
    announcementChannelId: text('announcement_channel_id'),
    announcementTs: text('announcement_ts'),
    // Lifecycle (issue #4): milestone times and what resolving recorded.
    mitigatedAt: timestamp('mitigated_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    changeInduced: boolean('change_induced'),
    triggeringChange: text('triggering_change').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('incidents_team_number').on(table.teamId, table.number),
    uniqueIndex('incidents_team_declare_key').on(table.teamId, table.declareKey),
    uniqueIndex('incidents_team_channel').on(table.teamId, table.channelId),
    // Stats, the digest and repeat-incident lookups read a workspace's incidents by when they were declared.
    index('incidents_team_declared').on(table.teamId, table.declaredAt),
  ],
);

/** Per-workspace sequences (incident numbers). */
export const teamCountersTable = pgTable(
  'team_counters',
  {
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    value: integer('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.name] })],
);
