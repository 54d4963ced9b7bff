import { appendTimelineEntries, countTimelineEntries } from '../entry-log/index.ts';
import { lockIncident } from '../incidents/index.ts';
import type { Tx } from '../platform/db.ts';

/**
 * Records, in the caller's transaction, that someone exported something of an incident: a bot timeline
 * entry of `kind` carrying the export's number in the incident (1, 2, …). Concurrent exports take
 * numbers one after the other; a repeated request (same `sourceKey`) records nothing and gets undefined.
 */
export async function recordNumberedExport(
  tx: Tx,
  params: {
    teamId: string;
    incidentId: number;
    actorId: string;
    at: Date;
    kind: string;
    text: string;
    sourceKey: string;
  },
): Promise<number | undefined> {
  // The row lock makes concurrent exports of one incident take numbers one after the other.
  await lockIncident(tx, { teamId: params.teamId, id: params.incidentId });
  const scope = { teamId: params.teamId, incidentId: params.incidentId };
  const exportNumber = (await countTimelineEntries(tx, { ...scope, kind: params.kind })) + 1;
  const inserted = await appendTimelineEntries(tx, [
    {
      ...scope,
      kind: params.kind,
      occurredAt: params.at,
      actorId: params.actorId,
      text: params.text,
      data: { bot: true, exportNumber },
      sourceKey: params.sourceKey,
    },
  ]);
  return inserted === 0 ? undefined : exportNumber;
}
