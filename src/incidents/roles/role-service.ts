import { randomUUID } from 'node:crypto';
import { recordTypedRedactions } from '../../entry-log/index.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { redactFields } from '../../platform/secrets.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { recordIncidentChange } from '../change-record.ts';
import type { Incident } from '../incident.ts';
import type { IncidentDeps } from '../incident-changes.ts';
import { incidentStream } from '../incident-effects.ts';
import { lockIncident } from '../incident-repo.ts';
import { requireActive } from '../lifecycle.ts';
import { listRoleHolders, type RoleHolder, upsertRoleHolder } from './role-holder-repo.ts';
import { requireRole } from './roles.ts';

export type RoleAssignment = { role: string; userId: string };

/**
 * Gives roles to people in one transaction; a role already held by that person is left alone, so a
 * repeated command or double-submitted form changes nothing twice. Returns the roles that changed.
 */
export async function assignRoles(
  deps: IncidentDeps,
  input: { teamId: string; incidentId: number; actorId: string; assignments: RoleAssignment[] },
): Promise<RoleAssignment[]> {
  for (const assignment of input.assignments) requireRole(deps.config, assignment.role);
  const changed = await inTransaction(deps, async (tx, effects) => {
    const incident = await lockIncident(tx, { teamId: input.teamId, id: input.incidentId });
    const now = deps.clock.now();
    requireActive(incident);
    const holders = await listRoleHolders(tx, { teamId: incident.teamId, incidentId: incident.id });
    const done: RoleAssignment[] = [];
    for (const { role, userId } of input.assignments) {
      const previous = holders.find((h) => h.role === role)?.userId;
      if (previous === userId) continue;
      await upsertRoleHolder(tx, {
        teamId: incident.teamId,
        incidentId: incident.id,
        role,
        userId,
        assignedBy: input.actorId,
        at: now,
      });
      await recordIncidentChange(tx, effects, deps, incident, {
        actorId: input.actorId,
        at: now,
        timeline: [
          {
            kind: 'role_assigned',
            text: `<@${userId}> is ${role}${previous ? ` (was <@${previous}>)` : ''}`,
            data: { role, userId, previous: previous ?? null },
            key: `role:${role}:${userId}`,
          },
        ],
        audit: [{ action: 'role.assigned', before: { role, userId: previous ?? null }, after: { role, userId } }],
        changes: [{ kind: 'role_changed', role, from: previous, to: userId }],
        effects: [
          { kind: 'channel.invite', payload: { userIds: [userId] } },
          {
            kind: 'incident.post',
            payload: {
              template: 'roles.assigned_posted',
              values: { role: roleName(deps, role), user: userId, actor: input.actorId },
            },
          },
        ],
        topic: role === deps.config.commander_role,
      });
      done.push({ role, userId });
    }
    return done;
  });
  return changed;
}

/**
 * Hands a role from its holder to someone else with the outgoing holder's brief; only while the
 * outgoing person still holds it, so a second submission changes nothing. A secret in the brief is
 * stored and posted redacted, and its writer is told.
 */
export async function completeHandover(
  deps: IncidentDeps,
  input: {
    teamId: string;
    incidentId: number;
    role: string;
    fromUserId: string;
    toUserId: string;
    brief: string;
    actorId: string;
  },
): Promise<Incident> {
  requireRole(deps.config, input.role);
  const { values, found } = redactFields({ brief: input.brief });
  const brief = values.brief.trim();
  if (!brief)
    throw new DomainError('role.brief_required', 'Write a short handover brief: where things stand and what is next.');
  const incident = await inTransaction(deps, async (tx, effects) => {
    const incident = await lockIncident(tx, { teamId: input.teamId, id: input.incidentId });
    const now = deps.clock.now();
    requireActive(incident);
    const holders = await listRoleHolders(tx, { teamId: incident.teamId, incidentId: incident.id });
    const current = holders.find((h) => h.role === input.role)?.userId;
    if (current !== input.fromUserId)
      throw new DomainError(
        'role.handover_stale',
        `<@${input.fromUserId}> no longer holds ${roleName(deps, input.role)}; nothing was changed.`,
        'mrkdwn',
      );
    await upsertRoleHolder(tx, {
      teamId: incident.teamId,
      incidentId: incident.id,
      role: input.role,
      userId: input.toUserId,
      assignedBy: input.actorId,
      at: now,
    });
    await recordIncidentChange(tx, effects, deps, incident, {
      actorId: input.actorId,
      at: now,
      timeline: [
        {
          kind: 'handover',
          text: `${input.role} handed over from <@${input.fromUserId}> to <@${input.toUserId}>: ${brief}`,
          data: { role: input.role, from: input.fromUserId, to: input.toUserId, brief },
          key: `handover:${input.role}`,
        },
      ],
      audit: [
        {
          action: 'role.handover',
          before: { role: input.role, userId: input.fromUserId },
          after: { role: input.role, userId: input.toUserId, brief },
        },
      ],
      changes: [{ kind: 'role_changed', role: input.role, from: input.fromUserId, to: input.toUserId }],
      effects: [
        { kind: 'channel.invite', payload: { userIds: [input.toUserId] } },
        {
          kind: 'incident.post',
          payload: {
            template: 'roles.handover_posted',
            values: { role: roleName(deps, input.role), from: input.fromUserId, to: input.toUserId, brief },
          },
        },
      ],
      topic: input.role === deps.config.commander_role,
    });
    await recordTypedRedactions(tx, effects, {
      teamId: incident.teamId,
      incidentId: incident.id,
      userId: input.fromUserId,
      at: now,
      found,
      key: `handover:${incident.id}:${randomUUID()}`,
      stream: incidentStream(incident.id),
    });
    return incident;
  });
  return incident;
}

/** Who holds which role in the incident, one row per held role. */
export async function roleHoldersOf(
  deps: ServiceDeps,
  params: { teamId: string; incidentId: number },
): Promise<RoleHolder[]> {
  return listRoleHolders(deps.db, params);
}

/** The person holding `role` in the incident, or undefined when nobody does. */
export async function roleHolderOf(
  deps: ServiceDeps,
  params: { teamId: string; incidentId: number; role: string },
): Promise<string | undefined> {
  const holders = await roleHoldersOf(deps, { teamId: params.teamId, incidentId: params.incidentId });
  return holders.find((h) => h.role === params.role)?.userId;
}

function roleName(deps: IncidentDeps, role: string): string {
  return deps.config.roles.find((r) => r.id === role)?.name ?? role;
}
