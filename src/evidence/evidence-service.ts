import { recordAudit } from '../audit/index.ts';
import { incidentRef, requireIncident } from '../incidents/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { recordNumberedExport, timelineStream } from '../timeline/index.ts';

/**
 * The name of one file of an incident's `number`th evidence bundle ("inc-7-evidence-2.json"): people
 * tell bundles apart by it, and a retry after a lost answer finds its own upload by it.
 */
export function evidenceFileName(ref: string, number: number, extension: 'md' | 'json'): string {
  return `${ref.toLowerCase()}-evidence-${number}.${extension}`;
}

/**
 * Queues the evidence bundle of an incident for upload to its channel, once per request: the export
 * gets the next number of the incident and is recorded, with who asked and when, on the timeline and
 * in the audit log. Returns the number, or undefined when this request was already queued.
 */
export async function requestEvidenceExport(
  deps: ServiceDeps,
  input: { teamId: string; incidentId: number; actorId: string; requestKey: string },
): Promise<number | undefined> {
  const incident = await requireIncident(deps.db, input);
  if (!incident.channelId)
    throw new DomainError('evidence.no_channel', 'The incident channel is still being created; try again in a moment.');
  return inTransaction(deps, async (tx, effects) => {
    const now = deps.clock.now();
    const scope = { teamId: input.teamId, incidentId: incident.id };
    const exportNumber = await recordNumberedExport(tx, {
      ...scope,
      actorId: input.actorId,
      at: now,
      kind: 'evidence_exported',
      text: 'Evidence bundle exported as Markdown and JSON',
      sourceKey: `evidence:${input.requestKey}`,
    });
    if (exportNumber === undefined) return undefined;
    const ref = incidentRef(incident);
    await recordAudit(tx, [
      {
        ...scope,
        actorId: input.actorId,
        action: 'incident.evidence_exported',
        after: {
          exportNumber,
          files: [evidenceFileName(ref, exportNumber, 'md'), evidenceFileName(ref, exportNumber, 'json')],
        },
        at: now,
      },
    ]);
    effects.add({
      teamId: input.teamId,
      stream: timelineStream(incident.id),
      kind: 'evidence.export',
      payload: { incidentId: incident.id, requestedBy: input.actorId, exportNumber },
    });
    return exportNumber;
  });
}
