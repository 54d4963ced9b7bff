import type { App } from '@slack/bolt';
import { declareIncident, requireSeverity, requireTitle } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { ids } from '../../ids.ts';
import { parseDeclareView } from '../../parse/declare-view.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { onSubmit } from './view-support.ts';

// Which form field each validation error belongs under.
const fieldOfError: Record<string, string> = {
  'incident.title_required': ids.declareModal.title,
  'incident.title_too_long': ids.declareModal.title,
  'incident.unknown_severity': ids.declareModal.severity,
  'incident.started_in_future': ids.declareModal.started,
};

/** The declare form was submitted: errors show under their field; otherwise the incident is declared. */
export function registerDeclareModalSubmitted(app: App, services: SlackServices): void {
  app.view(ids.views.declare, onSubmit(services, 'declare form', (code) => fieldOfError[code], async ({ ack, body, view }) => {
    const input = parseDeclareView(view);
    requireTitle(input.title);
    requireSeverity(services.config, input.severity);
    if (input.startedAt && input.startedAt.getTime() > services.deps.clock.now().getTime() + 60_000) {
      throw new DomainError('incident.started_in_future', 'Impact cannot start in the future.');
    }
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
      ...(input.startedAt ? { startedAt: input.startedAt } : {}),
      ...(input.commanderId ? { commanderId: input.commanderId } : {}),
      ...(input.source ? { sourceMessage: input.source } : {}),
    });
  }));
}
