import type { Action, ActionEvent } from '../../src/actions/index.ts';
import type { AuditEntry } from '../../src/audit/index.ts';
import { type EvidenceBundle, type EvidenceContext, historyFromAudit } from '../../src/evidence/index.ts';
import type { Incident } from '../../src/incidents/index.ts';
import type { Postmortem, PostmortemVersion } from '../../src/postmortems/index.ts';
import type { TimelineItem } from '../../src/timeline/index.ts';
import type { StakeholderUpdate } from '../../src/updates/index.ts';

export const evidenceUsers = { alice: 'U0ALICE', bob: 'U0BOB', carol: 'U0CAROL', bot: 'U0FBBOT', nameless: 'U0NONAME' };
const { alice, bob, carol, bot } = evidenceUsers;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 13, minute));

/** Who generated the sample bundle and how names read: carol has no cached name, the bot is Firebreak. */
export function evidenceContext(overrides: Partial<EvidenceContext> = {}): EvidenceContext {
  return {
    generatedAt: at(59),
    generatedBy: alice,
    timeZone: 'Europe/Berlin',
    names: new Map([
      [alice, 'alice'],
      [bob, 'bob'],
    ]),
    botUserId: bot,
    ...overrides,
  };
}

function item(id: number, minute: number, fields: Partial<TimelineItem>): TimelineItem {
  return {
    id,
    kind: 'message',
    occurredAt: at(minute),
    actorId: alice,
    text: '',
    previousTexts: [],
    deleted: false,
    key: false,
    noteType: undefined,
    channelId: 'C0INC',
    ts: undefined,
    threadTs: undefined,
    files: [],
    permalink: undefined,
    ...fields,
  };
}

const audit = (id: number, minute: number, actorId: string, action: string, before: unknown, after: unknown) =>
  ({ id, teamId: 'T1', incidentId: 1, actorId, action, before, after, at: at(minute) }) as AuditEntry;

/** A resolved incident with an edited and a deleted message, a handover, an update, a postmortem and a closed action. */
export function sampleBundle(overrides: Partial<EvidenceBundle> = {}): EvidenceBundle {
  const incident: Incident = {
    id: 1,
    teamId: 'T1',
    number: 7,
    title: 'Checkout *errors* [see](https://evil.example)',
    severity: 'sev1',
    status: 'resolved',
    isPrivate: false,
    isDrill: false,
    customerImpact: 'Checkout failed for EU customers',
    services: ['checkout'],
    declaredBy: alice,
    startedAt: null,
    declaredAt: at(0),
    channelName: 'inc-7-checkout-errors',
    channelId: 'C0INC',
    cardTs: null,
    announcementChannelId: null,
    announcementTs: null,
    mitigatedAt: at(40),
    resolvedAt: at(45),
    closedAt: null,
    changeInduced: false,
    triggeringChange: '',
    sourceMessage: null,
  };
  const auditLog = [
    audit(1, 0, alice, 'incident.declared', null, { severity: 'sev2', title: incident.title }),
    audit(2, 0, alice, 'role.assigned', null, { role: 'commander', userId: alice }),
    audit(3, 10, alice, 'incident.severity_changed', { severity: 'sev2' }, { severity: 'sev1', reason: 'all regions' }),
    audit(
      4,
      20,
      alice,
      'role.handover',
      { role: 'commander', userId: alice },
      { role: 'commander', userId: carol, brief: 'Rollback running' },
    ),
    audit(5, 30, carol, 'incident.status_changed', { status: 'investigating' }, { status: 'identified' }),
    audit(6, 45, carol, 'incident.status_changed', { status: 'identified' }, { status: 'resolved' }),
  ];
  const postmortem = {
    id: 3,
    status: 'draft',
    ownerId: carol,
    dueDate: '2026-12-10',
    publishedVersion: null,
    publishedBy: null,
    firstPublishedAt: null,
  } as unknown as Postmortem;
  const version = (n: number, markdown: string): PostmortemVersion => ({
    teamId: 'T1',
    postmortemId: 3,
    version: n,
    markdown,
    human: {},
    reason: n === 1 ? 'drafted' : 'write-up',
    createdBy: n === 1 ? alice : carol,
    createdAt: at(50 + n),
  });
  const action = {
    id: 4,
    number: 12,
    incidentId: 1,
    text: 'Add an alert on p99 latency',
    ownerId: bob,
    dueDate: '2026-12-18',
    type: 'detection',
    priority: 'p2',
    trackerKey: 'OPS-9',
    status: 'done',
    createdBy: alice,
    createdAt: at(41),
    closedBy: bob,
    closedAt: at(55),
    closeNote: 'alert fired in staging, PR 812',
  } as Action;
  const events: ActionEvent[] = [
    {
      id: 1,
      actionId: 4,
      kind: 'created',
      actorId: alice,
      at: at(41),
      note: null,
      before: null,
      after: { ownerId: bob },
    },
    {
      id: 2,
      actionId: 4,
      kind: 'done',
      actorId: bob,
      at: at(55),
      note: 'alert fired in staging, PR 812',
      before: { status: 'open' },
      after: { status: 'done' },
    },
  ];
  const update: StakeholderUpdate = {
    id: 1,
    teamId: 'T1',
    incidentId: 1,
    authorId: carol,
    status: 'Rolled back',
    impact: 'EU payments failing',
    actions: 'Watching',
    nextUpdateMinutes: 20,
    eta: 'Within the hour',
    confidence: 'medium',
    postedAt: at(35),
  };
  return {
    incident,
    ref: 'INC-7',
    milestones: { resolved: at(45), declared: at(0), mitigated: at(40) },
    roles: [{ role: 'commander', userId: carol, assignedAt: at(20) }],
    timeline: [
      item(1, 0, { kind: 'declared', text: 'INC-7 declared', key: true }),
      item(2, 5, { text: 'Errors since 13:48', previousTexts: ['Errors at 13:50'], ts: '1796302000.000100' }),
      item(3, 6, { text: 'wrong channel', deleted: true, ts: '1796302000.000200' }),
      item(4, 7, { kind: 'secret_redacted', actorId: null, text: 'Redacted github token from a message' }),
      item(5, 8, { kind: 'note', noteType: 'decision', text: 'roll back, ask <@U0BOB>', key: true }),
    ],
    updates: [update],
    history: historyFromAudit(auditLog),
    postmortem: {
      record: postmortem,
      versions: [version(1, '# INC-7 postmortem\n\nUse `code`\n'), version(2, 'Has ```` fences\n')],
    },
    actions: [{ action, events }],
    audit: auditLog,
    userIds: [alice, bob, carol],
    ...overrides,
  };
}
