import { type Action, formatActionRef, lintActionText } from '../actions/index.ts';
import type { Incident } from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';
import { mention, slackDate } from './blocks/format.ts';
import type { ActionArgsProblem } from './parse/action-args.ts';
import type { SlackServices } from './services.ts';

type Created = { action: Action; incident: Incident; dueDefaulted: boolean; created: boolean };

/** What the creator is told: the ref, owner and due date (and that it was the severity's default), and the lint's suggestion. */
export function createdText(services: SlackServices, result: Created, actorId: string): string {
  const { action } = result;
  const ref = formatActionRef(action.number);
  if (!result.created) return services.copy.render('actions.already_accepted', { ref, owner: mention(action.ownerId) });
  const trackerUrl = services.config.actions.tracker_url;
  const lines = [
    services.copy.render('actions.created', {
      ref,
      owner: mention(action.ownerId),
      due: action.dueDate,
      defaulted: result.dueDefaulted,
      severity: result.incident.severity,
      tracker: action.trackerKey ?? '',
      tracker_url: action.trackerKey && trackerUrl ? trackerUrl.replace('{{key}}', action.trackerKey) : '',
      owner_told: action.ownerId !== actorId,
    }),
  ];
  const lint = lintActionText(action.text);
  if (lint.vague) {
    const vague = lint.findings.find((finding) => finding.code === 'vague');
    lines.push(
      services.copy.render('actions.lint_hint', { vague: vague !== undefined, opener: vague ? vague.opener : '' }),
    );
  }
  return lines.join('\n');
}

export type ChangeKind = 'done' | 'wont_do' | 'snoozed' | 'reassigned';

/** What the person who moved an action is told; for one already closed, who closed it and when (nothing was recorded). */
export function changedText(
  services: SlackServices,
  kind: ChangeKind,
  outcome: { action: Action; changed: boolean },
): string {
  const { action } = outcome;
  const ref = formatActionRef(action.number);
  if (!outcome.changed)
    return services.copy.render('actions.already_closed', {
      ref,
      status: action.status,
      by: action.closedBy ? mention(action.closedBy) : '',
      at: action.closedAt ? slackDate(action.closedAt) : '',
    });
  return services.copy.render(`actions.changed_${kind}`, { ref, due: action.dueDate, owner: mention(action.ownerId) });
}

/** A command the grammar could not read, as the refusal that says what to fix. */
export function argsProblem(services: SlackServices, problem: ActionArgsProblem): DomainError {
  return new DomainError(
    `action.args_${problem.code}`,
    services.copy.render(`actions.problem.${problem.code}`, {
      detail: problem.detail,
      allowed: (problem.allowed ?? []).join(', '),
    }),
    'mrkdwn',
  );
}
