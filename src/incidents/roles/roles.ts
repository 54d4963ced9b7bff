import type { FirebreakConfig, RoleConfig } from '../../config/firebreak-config.ts';
import { DomainError } from '../../platform/errors.ts';

/** Finds a role by id or by name ("comms", "Comms lead"), or explains which roles exist. */
export function requireRole(config: FirebreakConfig, input: string): RoleConfig {
  const key = input.trim().toLowerCase();
  const role = config.roles.find((r) => r.id === key || r.name.toLowerCase() === key);
  if (role) return role;
  throw new DomainError(
    'role.unknown',
    `"${input}" is not a role. Use one of: ${config.roles.map((r) => r.id).join(', ')}, e.g. \`/incident role ${config.commander_role} @alice\`.`,
  );
}

/** Nudge job key of one role of one incident; the trailing colon keeps prefixes exact. */
export function roleNudgeKey(incidentId: number, role?: string): string {
  return `incident:${incidentId}:role-nudge:${role ? `${role}:` : ''}`;
}
