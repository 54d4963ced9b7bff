import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { HumanSections } from './postmortem.ts';

/**
 * One postmortem per incident: where it is in its review, who owns it, when it is due, and where it
 * lives in Slack. The document itself is in postmortem_versions, every version kept.
 */
export const postmortemsTable = pgTable(
  'postmortems',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('draft').$type<'draft' | 'in_review' | 'published'>(),
    ownerId: text('owner_id').notNull(),
    /** The due day in the configured time zone (YYYY-MM-DD), and the instant it ends. */
    dueDate: text('due_date').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** What people wrote, by section; every change is also in postmortem_section_edits. */
    human: jsonb('human').notNull().$type<HumanSections>().default({}),
    version: integer('version').notNull().default(0),
    reviewers: jsonb('reviewers').notNull().$type<string[]>().default([]),
    reviewRequestedBy: text('review_requested_by'),
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    publishedVersion: integer('published_version'),
    publishedBy: text('published_by'),
    /** First publication (the "postmortem on time" metric counts it, not later republishing). */
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    publishedOnTime: boolean('published_on_time'),
    /** The channel message with the postmortem's buttons, and its canvas (or why there is none). */
    messageTs: text('message_ts'),
    canvasId: text('canvas_id'),
    canvasUnavailable: text('canvas_unavailable'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('postmortems_team_incident').on(table.teamId, table.incidentId),
    // /metrics counts the overdue ones on every scrape; published postmortems (most, in time) stay out of it.
    // Stats read the postmortems due in a period, published or not.
    index('postmortems_team_due').on(table.teamId, table.dueAt),
    index('postmortems_unpublished_due').on(table.dueAt).where(sql`status <> 'published'`),
  ],
);

/** Every version of a postmortem as the Markdown it rendered to, with who made it and why. */
export const postmortemVersionsTable = pgTable(
  'postmortem_versions',
  {
    teamId: text('team_id').notNull(),
    postmortemId: bigint('postmortem_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    markdown: text('markdown').notNull(),
    human: jsonb('human').notNull().$type<HumanSections>(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('postmortem_versions_once').on(table.teamId, table.postmortemId, table.version)],
);

/** Each change to a human-written section: the new text, the text it replaced, who and when. */
export const postmortemSectionEditsTable = pgTable(
  'postmortem_section_edits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    postmortemId: bigint('postmortem_id', { mode: 'number' }).notNull(),
    section: text('section').notNull(),
    text: text('text').notNull(),
    previousText: text('previous_text').notNull(),
    editedBy: text('edited_by').notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('postmortem_section_edits_of').on(table.teamId, table.postmortemId)],
);
