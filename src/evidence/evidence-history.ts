import type { AuditEntry } from '../audit/index.ts';

/** Who held a role after a change, who held it before (null when no one), who made the change and when. */
export type RoleChange = {
  at: Date;
  by: string;
  role: string;
  from: string | null;
  to: string;
  /** The outgoing holder's brief, for a handover. */
  brief: string | null;
};

/** A severity (or status) change: from what (null for the one it was declared with) to what, who and when. */
export type ValueChange = { at: Date; by: string; from: string | null; to: string; reason: string | null };

export type IncidentHistory = { roles: RoleChange[]; severity: ValueChange[]; status: ValueChange[] };

type Values = Record<string, unknown>;
const valuesOf = (value: unknown): Values => (value && typeof value === 'object' ? (value as Values) : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The role, severity and status history of an incident, read from its audit log (which records each
 * change with who, when, and the old and new value), oldest first; entries of other kinds are ignored.
 */
export function historyFromAudit(audit: readonly AuditEntry[]): IncidentHistory {
  const history: IncidentHistory = { roles: [], severity: [], status: [] };
  const sorted = [...audit].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  for (const entry of sorted) {
    const before = valuesOf(entry.before);
    const after = valuesOf(entry.after);
    const base = { at: entry.at, by: entry.actorId };
    switch (entry.action) {
      case 'incident.declared':
        history.severity.push({ ...base, from: null, to: String(after.severity), reason: null });
        // An incident starts investigating (the column's default); the declaration does not restate it.
        history.status.push({ ...base, from: null, to: text(after.status) ?? 'investigating', reason: null });
        break;
      case 'incident.severity_changed':
        history.severity.push({
          ...base,
          from: text(before.severity),
          to: String(after.severity),
          reason: text(after.reason),
        });
        break;
      case 'incident.status_changed':
      case 'incident.reopened':
        history.status.push({
          ...base,
          from: text(before.status),
          to: String(after.status),
          reason: entry.action === 'incident.reopened' ? 're-opened' : null,
        });
        break;
      case 'role.assigned':
      case 'role.handover':
        history.roles.push({
          ...base,
          role: String(after.role),
          from: text(before.userId),
          to: String(after.userId),
          brief: text(after.brief),
        });
        break;
    }
  }
  return history;
}
