import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../platform/db.ts';
import { postmortemSectionEditsTable, postmortemsTable, postmortemVersionsTable } from './postmortem.sql.ts';
import type { HumanSectionId, HumanSections, Postmortem } from './postmortem.ts';

export type PostmortemVersion = typeof postmortemVersionsTable.$inferSelect;
type Scope = { teamId: string; incidentId: number };

export async function findPostmortem(db: Queryable, scope: Scope): Promise<Postmortem | undefined> {
  const [row] = await db
    .select()
    .from(postmortemsTable)
    .where(and(eq(postmortemsTable.teamId, scope.teamId), eq(postmortemsTable.incidentId, scope.incidentId)));
  return row;
}

/** The postmortem row locked for this transaction: concurrent regenerates and write-ups queue up here. */
export async function lockPostmortem(tx: Tx, scope: Scope): Promise<Postmortem | undefined> {
  const [row] = await tx
    .select()
    .from(postmortemsTable)
    .where(and(eq(postmortemsTable.teamId, scope.teamId), eq(postmortemsTable.incidentId, scope.incidentId)))
    .for('update');
  return row;
}

/** Creates the postmortem once; a second creation (two resolves racing) returns the existing row. */
export async function insertPostmortem(
  tx: Tx,
  row: Pick<Postmortem, 'teamId' | 'incidentId' | 'ownerId' | 'dueDate' | 'dueAt' | 'createdAt'>,
): Promise<Postmortem | undefined> {
  const [inserted] = await tx
    .insert(postmortemsTable)
    .values({ ...row, version: 0, updatedAt: row.createdAt })
    .onConflictDoNothing()
    .returning();
  return inserted;
}

export async function updatePostmortem(
  tx: Tx,
  id: number,
  set: Partial<Omit<Postmortem, 'id' | 'teamId' | 'incidentId'>>,
): Promise<Postmortem> {
  const [row] = await tx.update(postmortemsTable).set(set).where(eq(postmortemsTable.id, id)).returning();
  if (!row) throw new Error(`postmortem ${id} vanished`);
  return row;
}

/** Slack refs are written by effects, outside any service transaction. */
export async function setPostmortemSlackRefs(
  db: Queryable,
  id: number,
  set: { messageTs?: string; canvasId?: string | null; canvasUnavailable?: string },
): Promise<void> {
  await db.update(postmortemsTable).set(set).where(eq(postmortemsTable.id, id));
}

export async function insertVersion(tx: Tx, row: typeof postmortemVersionsTable.$inferInsert): Promise<void> {
  await tx.insert(postmortemVersionsTable).values(row);
}

export async function findVersion(
  db: Queryable,
  params: { teamId: string; postmortemId: number; version: number },
): Promise<PostmortemVersion | undefined> {
  const [row] = await db
    .select()
    .from(postmortemVersionsTable)
    .where(
      and(
        eq(postmortemVersionsTable.teamId, params.teamId),
        eq(postmortemVersionsTable.postmortemId, params.postmortemId),
        eq(postmortemVersionsTable.version, params.version),
      ),
    );
  return row;
}

// The versions of one postmortem, in its workspace.
const versionsOf = (params: { teamId: string; postmortemId: number }) =>
  and(eq(postmortemVersionsTable.teamId, params.teamId), eq(postmortemVersionsTable.postmortemId, params.postmortemId));

/** Every version, newest first, without the documents (a list shows who, when and why). */
export async function listVersions(db: Queryable, params: { teamId: string; postmortemId: number }) {
  return db
    .select({
      version: postmortemVersionsTable.version,
      reason: postmortemVersionsTable.reason,
      createdBy: postmortemVersionsTable.createdBy,
      createdAt: postmortemVersionsTable.createdAt,
      length: sql<number>`length(${postmortemVersionsTable.markdown})`,
    })
    .from(postmortemVersionsTable)
    .where(versionsOf(params))
    .orderBy(desc(postmortemVersionsTable.version));
}

/** Every version with its document, oldest first: the whole written record, for an evidence bundle. */
export async function listVersionDocuments(
  db: Queryable,
  params: { teamId: string; postmortemId: number },
): Promise<PostmortemVersion[]> {
  return db
    .select()
    .from(postmortemVersionsTable)
    .where(versionsOf(params))
    .orderBy(asc(postmortemVersionsTable.version));
}

export async function insertSectionEdits(
  tx: Tx,
  params: {
    teamId: string;
    postmortemId: number;
    editedBy: string;
    editedAt: Date;
    edits: Array<{ section: HumanSectionId; text: string; previousText: string }>;
  },
): Promise<void> {
  if (params.edits.length === 0) return;
  await tx.insert(postmortemSectionEditsTable).values(
    params.edits.map((edit) => ({
      teamId: params.teamId,
      postmortemId: params.postmortemId,
      editedBy: params.editedBy,
      editedAt: params.editedAt,
      ...edit,
    })),
  );
}

export async function listSectionEdits(db: Queryable, params: { teamId: string; postmortemId: number }) {
  return db
    .select()
    .from(postmortemSectionEditsTable)
    .where(
      and(
        eq(postmortemSectionEditsTable.teamId, params.teamId),
        eq(postmortemSectionEditsTable.postmortemId, params.postmortemId),
      ),
    )
    .orderBy(postmortemSectionEditsTable.id);
}

export type { HumanSections };

/** Postmortems the person owns that were never published, soonest due first, at most `limit`. */
export async function listUnpublishedPostmortemsOfOwner(
  db: Queryable,
  params: { teamId: string; ownerId: string; limit: number },
): Promise<Postmortem[]> {
  return db
    .select()
    .from(postmortemsTable)
    .where(
      and(
        eq(postmortemsTable.teamId, params.teamId),
        eq(postmortemsTable.ownerId, params.ownerId),
        sql`${postmortemsTable.firstPublishedAt} IS NULL`,
      ),
    )
    .orderBy(postmortemsTable.dueDate, postmortemsTable.id)
    .limit(params.limit);
}

/** Unpublished postmortems past their due instant, over every workspace, for /metrics (partial index). */
export async function countOverduePostmortems(db: Queryable, params: { now: Date }): Promise<number> {
  const [row] = await db
    .select({ overdue: sql<number>`count(*)::int` })
    .from(postmortemsTable)
    // The literal (not a parameter) lets the planner match the partial index's predicate.
    .where(and(sql`${postmortemsTable.status} <> 'published'`, lt(postmortemsTable.dueAt, params.now)));
  return Number(row?.overdue ?? 0);
}
