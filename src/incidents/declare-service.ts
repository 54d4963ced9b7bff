import { recordAudit } from '../audit/index.ts';
import { appendTimelineEntries, recordTypedRedactions } from '../entry-log/index.ts';
import type { IncidentEffect } from '../platform/effects.ts';
import { DomainError, sqlState } from '../platform/errors.ts';
import { type FieldRedaction, redactFields, redactSecrets } from '../platform/secrets.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { SourceMessage } from './incident.sql.ts';
import { channelNameFor, type Incident, incidentRef, missingRoles, requireSeverity, requireTitle } from './incident.ts';
import { type IncidentDeps, notifyIncidentChanged } from './incident-changes.ts';
import { incidentEffect, incidentStream } from './incident-effects.ts';
import { findIncidentByDeclareKey, insertIncident, nextCounterValue } from './incident-repo.ts';
import { upsertRoleHolder } from './roles/role-holder-repo.ts';

export type DeclareInput = {
  teamId: string;
  /** Identifies the request (inbox key): declaring twice with one key returns the first incident. */
  declareKey: string;
  declaredBy: string;
  title: string;
  severity: string;
  customerImpact?: string;
  services?: string[];
  isPrivate?: boolean;
  isDrill?: boolean;
  startedAt?: Date;
  commanderId?: string;
  sourceMessage?: SourceMessage;
  /** Where to confirm to the declarer (a slash command's response_url). */
  responseUrl?: string;
};

export type DeclareResult = { incident: Incident; created: boolean };

/**
 * Declares an incident: numbers it, records it with its commander, timeline and audit entries, and
 * queues the Slack work (channel, invites, topic, pinned card, announcement, role requests) in one
 * transaction; the Slack work starts after commit. Secrets in what the declarer typed are stored,
 * posted and named redacted, and the declarer is told.
 */
export async function declareIncident(deps: IncidentDeps, input: DeclareInput): Promise<DeclareResult> {
  const { config, clock } = deps;
  const severity = requireSeverity(config, input.severity);
  const { typed, found } = redactDeclareInput(input);
  const title = requireTitle(typed.title);
  const now = clock.now();
  if (input.startedAt && input.startedAt.getTime() > now.getTime() + 60_000) {
    throw new DomainError(
      'incident.started_in_future',
      'Impact cannot start in the future: pick a time before now, or leave it empty.',
    );
  }
  try {
    const result = await inTransaction(deps, async (tx, effects) => {
      const existing = await findIncidentByDeclareKey(tx, { teamId: input.teamId, declareKey: input.declareKey });
      if (existing) return { incident: existing, created: false };

      const number = await nextCounterValue(tx, { teamId: input.teamId, name: 'incident' });
      const channelName = channelNameFor(config.channels.name_pattern, {
        number,
        title,
        severity: severity.name,
        date: now,
      });
      const incident = await insertIncident(tx, {
        teamId: input.teamId,
        number,
        declareKey: input.declareKey,
        title,
        severity: severity.name,
        isPrivate: input.isPrivate ?? false,
        isDrill: input.isDrill ?? false,
        customerImpact: typed.customerImpact?.trim() ?? '',
        services: typed.services ?? [],
        sourceMessage: typed.sourceMessage ?? null,
        declaredBy: input.declaredBy,
        startedAt: input.startedAt ?? null,
        declaredAt: now,
        channelName,
      });
      const commanderId = input.commanderId ?? input.declaredBy;
      await upsertRoleHolder(tx, {
        teamId: input.teamId,
        incidentId: incident.id,
        role: config.commander_role,
        userId: commanderId,
        assignedBy: input.declaredBy,
        at: now,
      });

      const base = { teamId: input.teamId, incidentId: incident.id, occurredAt: now, actorId: input.declaredBy };
      await appendTimelineEntries(tx, [
        {
          ...base,
          kind: 'declared',
          text: `${incidentRef(incident)} declared as ${severity.label ?? severity.name}: ${title}`,
          data: {
            severity: severity.name,
            isPrivate: incident.isPrivate,
            isDrill: incident.isDrill,
            services: incident.services,
          },
          sourceKey: `incident:${incident.id}:declared`,
        },
        {
          ...base,
          kind: 'role_assigned',
          text: `<@${commanderId}> is ${config.commander_role}`,
          data: { role: config.commander_role, userId: commanderId },
          sourceKey: `incident:${incident.id}:role:${config.commander_role}:${now.getTime()}`,
        },
      ]);
      await recordAudit(tx, [
        {
          teamId: input.teamId,
          incidentId: incident.id,
          actorId: input.declaredBy,
          action: 'incident.declared',
          after: { number, title, severity: severity.name, channelName, isPrivate: incident.isPrivate },
          at: now,
        },
        {
          teamId: input.teamId,
          incidentId: incident.id,
          actorId: input.declaredBy,
          action: 'role.assigned',
          after: { role: config.commander_role, userId: commanderId },
          at: now,
        },
      ]);
      effects.add(
        ...declareEffects(deps, incident, {
          commanderId,
          requiredMissing: missingRoles(severity, [config.commander_role]),
          responseUrl: input.responseUrl,
        }).map((effect) => incidentEffect(incident, effect)),
      );
      // Queued after the channel's creation and invites in the incident's stream, so the declarer can be told there.
      await recordTypedRedactions(tx, effects, {
        teamId: input.teamId,
        incidentId: incident.id,
        userId: input.declaredBy,
        at: now,
        found,
        key: `incident:${incident.id}:declared`,
        stream: incidentStream(incident.id),
      });
      await notifyIncidentChanged(tx, effects, deps, incident, { kind: 'declared' });
      return { incident, created: true };
    });
    return result;
  } catch (error) {
    // Two deliveries of one request raced past the lookup: the loser returns the winner's incident.
    if (sqlState(error) === '23505') {
      const existing = await findIncidentByDeclareKey(deps.db, { teamId: input.teamId, declareKey: input.declareKey });
      if (existing) return { incident: existing, created: false };
    }
    throw error;
  }
}

// Every field the declarer typed (or picked a message for), redacted; the services one by one.
function redactDeclareInput(input: DeclareInput): {
  typed: Pick<DeclareInput, 'title' | 'customerImpact' | 'services' | 'sourceMessage'>;
  found: FieldRedaction[];
} {
  const { values, found } = redactFields({
    title: input.title,
    impact: input.customerImpact,
    source_message: input.sourceMessage?.text,
  });
  const services = input.services?.map((service) => redactSecrets(service));
  const serviceKinds = [...new Set(services?.flatMap((service) => service.kinds) ?? [])];
  if (serviceKinds.length > 0) found.push({ field: 'services', kinds: serviceKinds });
  return {
    typed: {
      title: values.title as string,
      customerImpact: values.impact,
      services: services?.map((service) => service.text),
      sourceMessage: input.sourceMessage ? { ...input.sourceMessage, text: values.source_message ?? '' } : undefined,
    },
    found,
  };
}

function declareEffects(
  deps: IncidentDeps,
  incident: Incident,
  context: { commanderId: string; requiredMissing: string[]; responseUrl: string | undefined },
): IncidentEffect[] {
  const severity = requireSeverity(deps.config, incident.severity);
  const invitees = [
    ...new Set([incident.declaredBy, context.commanderId, ...deps.config.responders, ...severity.responders]),
  ];
  return [
    { kind: 'channel.create' },
    { kind: 'channel.invite', payload: { userIds: invitees } },
    { kind: 'channel.topic' },
    { kind: 'card.post' },
    { kind: 'card.pin' },
    ...(incident.isPrivate || !deps.config.channels.announcement ? [] : [{ kind: 'incident.announce' } as const]),
    ...(context.requiredMissing.length > 0
      ? [{ kind: 'roles.ask', payload: { roles: context.requiredMissing } } as const]
      : []),
    // A private incident's name must not appear in the (shared) channel it was declared from.
    ...(incident.sourceMessage && !incident.isPrivate ? [{ kind: 'source.link' } as const] : []),
    ...(context.responseUrl
      ? [
          {
            kind: 'declarer.confirm',
            payload: { responseUrl: context.responseUrl, userId: incident.declaredBy },
          } as const,
        ]
      : []),
  ];
}
