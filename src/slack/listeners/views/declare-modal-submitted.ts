import { declareIncident, requireSeverity, requireTitle } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { ids } from '../../ids.ts';
import { parseDeclareView } from '../../parse/declare-view.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { type FieldOf, isInFuture, type SubmitHandler } from './view-support.ts';

// Which form field each validation error belongs under.
const fieldOfError: Record<string, string> = {
  'incident.title_required': ids.declareModal.title,
  'incident.title_too_long': ids.declareModal.title,
  'incident.unknown_severity': ids.declareModal.severity,
  'incident.started_in_future': ids.declareModal.started,
};

/** The declare form's field for each validation error. */
export const declareFormFields: FieldOf = (code) => fieldOfError[code];

/** The declare form was submitted: errors show under their field; otherwise the incident is declared. */
export const declareModalSubmitted: SubmitHandler = async (services, { ack, body, view }) => {
  const input = parseDeclareView(view);
  requireTitle(input.title);
  requireSeverity(services.config, input.severity);
  if (isInFuture(services, input.startedAt))
    throw new DomainError('incident.started_in_future', 'Impact cannot start in the future.');
  const teamId = teamIdOf(body);
  await ack();
  await declareIncident(services.deps, {
    teamId,
    declareKey: `view:${view.id}:${view.hash}`,
    declaredBy: body.user.id,
    title: input.title,
    severity: input.severity,
    customerImpact: input.customerImpact,
    services: input.services,
    isPrivate: input.isPrivate,
    startedAt: input.startedAt,
    // An emptied user select may send an empty id: the declarer is then the commander.
    commanderId: input.commanderId || undefined,
    sourceMessage: input.source,
  });
};
