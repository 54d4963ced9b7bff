import type { App } from '@slack/bolt';
import { changeSeverity, changeStatus } from '../../../incidents/index.ts';
import { assignRoles, completeHandover } from '../../../roles/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { parseHandoverView, parseLifecycleMetadata, parseResolveView, parseRolesView, parseSeverityView } from '../../parse/lifecycle-views.ts';
import type { SlackServices } from '../../services.ts';
import { formHandler, teamOfView, type ViewArgs } from './view-support.ts';

const f = ids.lifecycleModal;

/** Severity, Assign roles, Resolve and handover forms: each calls its one service. */
export function registerLifecycleFormsSubmitted(app: App, services: SlackServices): void {
  const load = async (args: ViewArgs) => {
    const meta = parseLifecycleMetadata(args.view);
    const incident = await incidentForAction(services, args.client, teamOfView(args.body), meta.incidentId, args.body.user.id);
    return { incident, meta, actorId: args.body.user.id };
  };
  app.view(ids.views.severity, formHandler((code) => (code.includes('reason') ? f.reason : f.severity), async (args) => {
    const { incident, actorId } = await load(args);
    await changeSeverity(services.deps, { teamId: incident.teamId, incidentId: incident.id, actorId, ...parseSeverityView(args.view) });
  }));
  app.view(ids.views.roles, formHandler(() => `${f.rolePrefix}${services.config.commander_role}`, async (args) => {
    const { incident, actorId } = await load(args);
    await assignRoles(services.deps, { teamId: incident.teamId, incidentId: incident.id, actorId, assignments: parseRolesView(args.view) });
  }));
  app.view(ids.views.resolve, formHandler(resolveField, async (args) => {
    const { incident, actorId } = await load(args);
    await changeStatus(services.deps, { teamId: incident.teamId, incidentId: incident.id, to: 'resolved', actorId, resolution: parseResolveView(args.view) });
  }));
  app.view(ids.views.handover, formHandler(() => f.brief, async (args) => {
    const { incident, meta, actorId } = await load(args);
    await completeHandover(services.deps, { teamId: incident.teamId, incidentId: incident.id, role: meta.role ?? '', fromUserId: actorId, toUserId: meta.to ?? '', brief: parseHandoverView(args.view).brief, actorId });
  }));
}

function resolveField(code: string): string {
  if (code === 'incident.change_required') return f.change;
  if (code.startsWith('incident.resolved_')) return f.resolvedAt;
  if (code === 'incident.unknown_severity') return f.severity;
  return f.resolvedAt;
}
