import type { App } from '@slack/bolt';
import { changeSeverity, changeStatus } from '../../../incidents/index.ts';
import { assignRoles, completeHandover } from '../../../roles/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseHandoverView, parseLifecycleMetadata, parseResolveView, parseRolesView, parseSeverityView } from '../../parse/lifecycle-views.ts';
import type { SlackServices } from '../../services.ts';
import { type FieldOf, onSubmit, type ViewArgs } from './view-support.ts';

const f = ids.lifecycleModal;

/**
 * Severity, Assign roles, Resolve and handover forms: each calls its one service before the ack (a
 * fast transaction), so a refusal shows under the field it concerns and the form stays open to fix.
 */
export function registerLifecycleFormsSubmitted(app: App, services: SlackServices): void {
  const load = async (args: ViewArgs) => {
    const meta = parseLifecycleMetadata(args.view);
    const incident = await incidentForAction(services, args.client, teamIdOf(args.body), meta.incidentId, args.body.user.id);
    return { incident, meta, actorId: args.body.user.id };
  };
  const severityField: FieldOf = (code) => (code.includes('reason') ? f.reason : f.severity);
  app.view(ids.views.severity, onSubmit(services, 'severity form', withoutAccess(severityField), async (args) => {
    const { incident, actorId } = await load(args);
    await changeSeverity(services.deps, { teamId: incident.teamId, incidentId: incident.id, actorId, ...parseSeverityView(args.view) });
  }));
  app.view(ids.views.roles, onSubmit(services, 'roles form', withoutAccess(() => `${f.rolePrefix}${services.config.commander_role}`), async (args) => {
    const { incident, actorId } = await load(args);
    await assignRoles(services.deps, { teamId: incident.teamId, incidentId: incident.id, actorId, assignments: parseRolesView(args.view) });
  }));
  app.view(ids.views.resolve, onSubmit(services, 'resolve form', withoutAccess(resolveField), async (args) => {
    const { incident, actorId } = await load(args);
    await changeStatus(services.deps, { teamId: incident.teamId, incidentId: incident.id, to: 'resolved', actorId, resolution: parseResolveView(args.view) });
  }));
  app.view(ids.views.handover, onSubmit(services, 'handover form', withoutAccess(() => f.brief), async (args) => {
    const { incident, meta, actorId } = await load(args);
    await completeHandover(services.deps, { teamId: incident.teamId, incidentId: incident.id, role: meta.role ?? '', fromUserId: actorId, toUserId: meta.to ?? '', brief: parseHandoverView(args.view).brief, actorId });
  }));
}

// A refusal to see the incident replaces the form with a notice rather than sitting under a field.
function withoutAccess(fieldOf: FieldOf): FieldOf {
  return (code) => (code === 'incident.not_found' || code === 'incident.not_visible' ? undefined : fieldOf(code));
}

function resolveField(code: string): string {
  if (code === 'incident.change_required') return f.change;
  if (code.startsWith('incident.resolved_')) return f.resolvedAt;
  if (code === 'incident.unknown_severity') return f.severity;
  return f.resolvedAt;
}
