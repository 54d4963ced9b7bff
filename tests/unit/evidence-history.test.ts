import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/audit/index.ts';
import { historyFromAudit } from '../../src/evidence/index.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 13, minute));
const entry = (id: number, minute: number, action: string, before: unknown, after: unknown): AuditEntry => ({
  id,
  teamId: 'T1',
  incidentId: 1,
  actorId: 'U0ALICE',
  action,
  before,
  after,
  at: at(minute),
});

describe('role, severity and status history from the audit log', () => {
  it('starts with what the incident was declared with', () => {
    const history = historyFromAudit([entry(1, 0, 'incident.declared', null, { severity: 'sev2' })]);
    expect(history.severity).toEqual([{ at: at(0), by: 'U0ALICE', from: null, to: 'sev2', reason: null }]);
    expect(history.status).toEqual([{ at: at(0), by: 'U0ALICE', from: null, to: 'investigating', reason: null }]);
  });

  it('marks a re-open and keeps the severity change at resolution with its reason', () => {
    const history = historyFromAudit([
      entry(2, 5, 'incident.status_changed', { status: 'investigating' }, { status: 'resolved' }),
      entry(
        3,
        5,
        'incident.severity_changed',
        { severity: 'sev2' },
        { severity: 'sev3', reason: 'final severity at resolution' },
      ),
      entry(4, 9, 'incident.reopened', { status: 'resolved' }, { status: 'investigating' }),
    ]);
    expect(history.status.map((c) => [c.from, c.to, c.reason])).toEqual([
      ['investigating', 'resolved', null],
      ['resolved', 'investigating', 're-opened'],
    ]);
    expect(history.severity[0]?.reason).toBe('final severity at resolution');
  });

  it('gives assignments and handovers with the previous holder and the brief', () => {
    const history = historyFromAudit([
      entry(5, 1, 'role.assigned', { role: 'comms', userId: null }, { role: 'comms', userId: 'U0BOB' }),
      entry(
        6,
        2,
        'role.handover',
        { role: 'comms', userId: 'U0BOB' },
        { role: 'comms', userId: 'U0CAROL', brief: 'b' },
      ),
    ]);
    expect(history.roles.map((c) => [c.role, c.from, c.to, c.brief])).toEqual([
      ['comms', null, 'U0BOB', null],
      ['comms', 'U0BOB', 'U0CAROL', 'b'],
    ]);
  });

  it('orders by time whatever order it is given in, and ignores other entries', () => {
    const history = historyFromAudit([
      entry(8, 7, 'incident.severity_changed', { severity: 'sev1' }, { severity: 'sev0' }),
      entry(9, 3, 'update.posted', null, { updateId: 1 }),
      entry(7, 4, 'incident.severity_changed', { severity: 'sev2' }, { severity: 'sev1' }),
    ]);
    expect(history.severity.map((c) => c.to)).toEqual(['sev1', 'sev0']);
    expect(history.roles).toEqual([]);
    expect(history.status).toEqual([]);
  });
});
