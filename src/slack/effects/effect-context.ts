import type { Logger } from 'pino';
import type { FirebreakConfig } from '../../config/firebreak-config.ts';
import { findIncidentById, type Incident } from '../../incidents/index.ts';
import type { OutboxEffect } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Copy } from '../../platform/copy.ts';
import type { Db } from '../../platform/db.ts';
import type { Runbook } from '../../runbooks/index.ts';
import type { SlackClient } from '../client.ts';

/** What effect executors need: the database to reload state, Slack to act on it. */
export type EffectContext = {
  db: Db;
  client: SlackClient;
  config: FirebreakConfig;
  copy: Copy;
  clock: Clock;
  logger: Logger;
  botUserId: string;
  /** The runbook library (offers name runbooks; the effect shows their current title and description). */
  runbooks?: Runbook[];
  /** Regenerates a postmortem (after display names were fetched, so the document shows names, not ids). */
  regeneratePostmortem?: (params: {
    teamId: string;
    incidentId: number;
    actorId: string;
    reason: string;
  }) => Promise<void>;
  /** POSTs JSON to a response_url (slash command replies). */
  postToResponseUrl: (url: string, body: Record<string, unknown>) => Promise<void>;
};

/** Reloads the incident an effect is about; effects never trust state captured when queued. */
export async function loadIncident(ctx: EffectContext, effect: OutboxEffect): Promise<Incident> {
  const incidentId = Number(effect.payload.incidentId);
  const incident = await findIncidentById(ctx.db, { teamId: effect.teamId, id: incidentId });
  if (!incident) throw new PermanentEffectError(`incident ${incidentId} not found`);
  return incident;
}

/** The incident's channel, which an earlier effect in the stream created. */
export function requireChannel(incident: Incident): string {
  if (!incident.channelId) throw new PermanentEffectError(`incident ${incident.id} has no channel yet`);
  return incident.channelId;
}

export function severityLabel(config: FirebreakConfig, name: string): string {
  const severity = config.severities.find((s) => s.name === name);
  return severity?.label ?? name.toUpperCase();
}
