import { recordTypedRedactions } from '../entry-log/index.ts';
import {
  cancelChannelArchive,
  type Incident,
  incidentRef,
  incidentStream,
  listRoleHolders,
  queueCardRefresh,
  requireIncident,
} from '../incidents/index.ts';
import type { Tx } from '../platform/db.ts';
import { DomainError } from '../platform/errors.ts';
import { redactFields } from '../platform/secrets.ts';
import { type EffectQueue, inTransaction } from '../platform/transaction.ts';
import { flagsOf, type SectionFlag } from './blameless-flags.ts';
import { postmortemDueDate } from './business-days.ts';
import {
  checkHumanSections,
  type HumanSectionId,
  type HumanSections,
  humanSectionIds,
  type Postmortem,
} from './postmortem.ts';
import { type PostmortemDeps, recordPostmortemEvent, storeVersion } from './postmortem-drafting.ts';
import { postmortemStream } from './postmortem-effects.ts';
import { scheduleReminder } from './postmortem-reminders.ts';
import {
  findPostmortem,
  insertPostmortem,
  insertSectionEdits,
  lockPostmortem,
  updatePostmortem,
} from './postmortem-repo.ts';

type Target = { teamId: string; incidentId: number; actorId: string };

/** The calendar due dates are counted in (config `timezone`, `business_days`, `holidays`). */
export function calendarOf(deps: PostmortemDeps) {
  return { timezone: deps.config.timezone, businessDays: deps.config.business_days, holidays: deps.config.holidays };
}

/**
 * The incident's postmortem, drafted now if it has none: owned by the commander (else the person
 * asking), due `reminders.postmortem_due_business_days` business days after resolution, reminders
 * scheduled. Runs inside the caller's transaction (resolving creates it in the resolve's own).
 */
export async function ensurePostmortem(
  tx: Tx,
  effects: EffectQueue,
  deps: PostmortemDeps,
  incident: Incident,
  actorId: string,
): Promise<{ postmortem: Postmortem; created: boolean }> {
  const existing = await lockPostmortem(tx, { teamId: incident.teamId, incidentId: incident.id });
  if (existing) return { postmortem: existing, created: false };
  const now = deps.clock.now();
  const holders = await listRoleHolders(tx, { teamId: incident.teamId, incidentId: incident.id });
  const ownerId = holders.find((h) => h.role === deps.config.commander_role)?.userId ?? actorId;
  const due = postmortemDueDate(
    incident.resolvedAt ?? now,
    deps.config.reminders.postmortem_due_business_days,
    calendarOf(deps),
  );
  const inserted = await insertPostmortem(tx, {
    teamId: incident.teamId,
    incidentId: incident.id,
    ownerId,
    dueDate: due.date,
    dueAt: due.dueAt,
    createdAt: now,
  });
  const row = inserted ?? (await lockPostmortem(tx, { teamId: incident.teamId, incidentId: incident.id }));
  if (!row) throw new Error(`postmortem of incident ${incident.id} could not be created`);
  if (!inserted) return { postmortem: row, created: false };
  const { postmortem } = await storeVersion(tx, effects, deps, {
    incident,
    postmortem: row,
    human: {},
    reason: 'drafted',
    actorId,
  });
  await recordPostmortemEvent(tx, {
    incident,
    postmortem,
    actorId,
    at: now,
    kind: 'postmortem_drafted',
    text: `Postmortem drafted: due ${due.date}, owner <@${ownerId}>`,
    after: { ownerId, dueDate: due.date },
    key: 'drafted',
  });
  await scheduleReminder(tx, deps, { ...postmortem, incidentId: incident.id }, now);
  // The channel is where the postmortem is written: it is archived once it is published, not before.
  await cancelChannelArchive(tx, incident);
  effects.add({
    teamId: incident.teamId,
    stream: postmortemStream(incident.id),
    kind: 'postmortem.owner_tz',
    payload: { incidentId: incident.id, userId: ownerId },
  });
  queueCardRefresh(effects, { teamId: incident.teamId, incidentId: incident.id });
  return { postmortem, created: true };
}

/** `/incident postmortem`: creates it if needed and returns it with its incident. */
export async function openPostmortem(deps: PostmortemDeps, input: Target) {
  return inTransaction(deps, async (tx, effects) => {
    const incident = await requireIncident(tx, input);
    const { postmortem, created } = await ensurePostmortem(tx, effects, deps, incident, input.actorId);
    return { incident, postmortem, created };
  });
}

/** Rebuilds every generated section from the current record; what people wrote is kept exactly. */
export async function regeneratePostmortem(
  deps: PostmortemDeps,
  input: Target & { reason?: string },
): Promise<{ postmortem: Postmortem; changed: boolean }> {
  return inTransaction(deps, async (tx, effects) => {
    const { incident, postmortem } = await lockedPostmortem(tx, input);
    const result = await storeVersion(tx, effects, deps, {
      incident,
      postmortem,
      human: postmortem.human,
      status: postmortem.status === 'published' ? 'draft' : postmortem.status,
      reason: input.reason ?? 'regenerated',
      actorId: input.actorId,
    });
    if (result.changed)
      await recordPostmortemEvent(tx, {
        incident,
        postmortem: result.postmortem,
        actorId: input.actorId,
        at: deps.clock.now(),
        kind: 'postmortem_regenerated',
        text: `Postmortem regenerated from the record (version ${result.postmortem.version})`,
        key: `version:${result.postmortem.version}`,
      });
    return result;
  });
}

/**
 * Stores what a person wrote: each changed section recorded with its previous text, then a new
 * version. Returns the blameless-language flags of the whole write-up, to show the writer.
 */
export async function writeUpPostmortem(
  deps: PostmortemDeps,
  input: Target & { sections: HumanSections },
): Promise<{ postmortem: Postmortem; flags: SectionFlag[]; changedSections: HumanSectionId[] }> {
  // A pasted secret is taken out before anything is stored; the writer is told which field held it.
  const { values, found } = redactFields(input.sections as Record<string, string | undefined>);
  const sections = checkHumanSections(values as HumanSections);
  return inTransaction(deps, async (tx, effects) => {
    const { incident, postmortem } = await lockedPostmortem(tx, input);
    const now = deps.clock.now();
    await recordTypedRedactions(tx, effects, {
      teamId: incident.teamId,
      incidentId: incident.id,
      userId: input.actorId,
      at: now,
      found,
      key: `postmortem:${postmortem.id}:write-up:${now.getTime()}`,
      stream: incidentStream(incident.id),
    });
    const edits = humanSectionIds
      .filter((id) => (sections[id] ?? '') !== (postmortem.human[id] ?? ''))
      .map((id) => ({ section: id, text: sections[id] ?? '', previousText: postmortem.human[id] ?? '' }));
    await insertSectionEdits(tx, {
      teamId: incident.teamId,
      postmortemId: postmortem.id,
      editedBy: input.actorId,
      editedAt: now,
      edits,
    });
    const result = await storeVersion(tx, effects, deps, {
      incident,
      postmortem,
      human: sections,
      status: postmortem.status === 'published' ? 'draft' : postmortem.status,
      reason: 'written up',
      actorId: input.actorId,
    });
    if (edits.length > 0)
      await recordPostmortemEvent(tx, {
        incident,
        postmortem: result.postmortem,
        actorId: input.actorId,
        at: now,
        kind: 'postmortem_written',
        text: `Postmortem written up: ${edits.map((e) => e.section.replace(/_/g, ' ')).join(', ')}`,
        after: { sections: edits.map((e) => e.section) },
        key: `version:${result.postmortem.version}`,
      });
    return {
      postmortem: result.postmortem,
      flags: flagsOf(sections, deps.config),
      changedSections: edits.map((e) => e.section),
    };
  });
}

/** `/incident postmortem owner @bob`: the new owner gets the reminders (rescheduled for their time zone). */
export async function changePostmortemOwner(
  deps: PostmortemDeps,
  input: Target & { ownerId: string },
): Promise<Postmortem> {
  return inTransaction(deps, async (tx, effects) => {
    const { incident, postmortem } = await lockedPostmortem(tx, input);
    if (postmortem.ownerId === input.ownerId) return postmortem;
    const now = deps.clock.now();
    const changed = await updatePostmortem(tx, postmortem.id, { ownerId: input.ownerId, updatedAt: now });
    const { postmortem: updated } = await storeVersion(tx, effects, deps, {
      incident,
      postmortem: changed,
      human: changed.human,
      reason: 'owner changed',
      actorId: input.actorId,
    });
    await recordPostmortemEvent(tx, {
      incident,
      postmortem: updated,
      actorId: input.actorId,
      at: now,
      kind: 'postmortem_owner_changed',
      text: `Postmortem owner <@${postmortem.ownerId}> → <@${input.ownerId}>`,
      after: { from: postmortem.ownerId, to: input.ownerId },
      key: `owner:${input.ownerId}:${now.getTime()}`,
    });
    await scheduleReminder(tx, deps, updated, now);
    effects.add({
      teamId: incident.teamId,
      stream: postmortemStream(incident.id),
      kind: 'postmortem.owner_tz',
      payload: { incidentId: incident.id, userId: input.ownerId },
    });
    queueCardRefresh(effects, { teamId: incident.teamId, incidentId: incident.id });
    return updated;
  });
}

/** The incident and its postmortem, locked; an incident without one says how to create it. */
export async function lockedPostmortem(tx: Tx, input: { teamId: string; incidentId: number }) {
  const incident = await requireIncident(tx, input);
  const postmortem = await lockPostmortem(tx, { teamId: input.teamId, incidentId: incident.id });
  if (!postmortem) throw noPostmortem(incident);
  return { incident, postmortem };
}

export function noPostmortem(incident: Incident): DomainError {
  return new DomainError(
    'postmortem.none',
    `${incidentRef(incident)} has no postmortem yet: start one with \`/incident postmortem\` in its channel.`,
  );
}

export { findPostmortem };

/** `/incident postmortem export [N]`: uploads that version (default the latest) to the channel as Markdown. */
export async function requestPostmortemExport(
  deps: PostmortemDeps,
  input: Target & { version?: number },
): Promise<{ version: number }> {
  return inTransaction(deps, async (tx, effects) => {
    const { incident, postmortem } = await lockedPostmortem(tx, input);
    const version = input.version ?? postmortem.version;
    if (!Number.isInteger(version) || version < 1 || version > postmortem.version)
      throw new DomainError(
        'postmortem.unknown_version',
        `The postmortem of ${incidentRef(incident)} has versions 1 to ${postmortem.version}; there is no version ${input.version}.`,
      );
    effects.add({
      teamId: incident.teamId,
      stream: postmortemStream(incident.id),
      kind: 'postmortem.file',
      payload: { incidentId: incident.id, version, requestedBy: input.actorId, reason: 'export' },
    });
    return { version };
  });
}
