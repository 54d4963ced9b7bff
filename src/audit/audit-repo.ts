import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { auditLogTable } from './audit.sql.ts';

export type AuditEntry = typeof auditLogTable.$inferSelect;
export type NewAuditEntry = Omit<typeof auditLogTable.$inferInsert, 'id'>;

export async function recordAudit(db: Queryable, entries: NewAuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLogTable).values(entries);
}

export async function listAudit(db: Queryable, params: { teamId: string; incidentId: number }): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLogTable)
    .where(and(eq(auditLogTable.teamId, params.teamId), eq(auditLogTable.incidentId, params.incidentId)))
    .orderBy(asc(auditLogTable.at), asc(auditLogTable.id));
}
