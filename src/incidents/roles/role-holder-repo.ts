import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db.ts';
import { incidentRolesTable } from './role-holder.sql.ts';

export type RoleHolder = { role: string; userId: string; assignedAt: Date };

export async function listRoleHolders(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<RoleHolder[]> {
  return db
    .select({
      role: incidentRolesTable.role,
      userId: incidentRolesTable.userId,
      assignedAt: incidentRolesTable.assignedAt,
    })
    .from(incidentRolesTable)
    .where(and(eq(incidentRolesTable.teamId, params.teamId), eq(incidentRolesTable.incidentId, params.incidentId)));
}

/** Gives a role to a user, replacing any holder; returns the previous holder. */
export async function upsertRoleHolder(
  db: Queryable,
  params: { teamId: string; incidentId: number; role: string; userId: string; assignedBy: string; at: Date },
): Promise<string | undefined> {
  const [previous] = await db
    .select({ userId: incidentRolesTable.userId })
    .from(incidentRolesTable)
    .where(
      and(
        eq(incidentRolesTable.teamId, params.teamId),
        eq(incidentRolesTable.incidentId, params.incidentId),
        eq(incidentRolesTable.role, params.role),
      ),
    )
    .for('update');
  await db
    .insert(incidentRolesTable)
    .values({
      teamId: params.teamId,
      incidentId: params.incidentId,
      role: params.role,
      userId: params.userId,
      assignedBy: params.assignedBy,
      assignedAt: params.at,
    })
    .onConflictDoUpdate({
      target: [incidentRolesTable.teamId, incidentRolesTable.incidentId, incidentRolesTable.role],
      set: { userId: params.userId, assignedBy: params.assignedBy, assignedAt: params.at },
    });
  return previous?.userId;
}
