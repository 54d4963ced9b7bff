import { DomainError } from '../../../platform/errors.ts';
import { requestReview } from '../../../postmortems/index.ts';
import { noticeModal } from '../../blocks/modal.ts';
import { ids } from '../../ids.ts';
import { canSeeIncident, incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseReviewView } from '../../parse/postmortem-views.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

export const reviewFormFields: FieldOf = (code) =>
  code.startsWith('postmortem.') && code.includes('reviewer') ? ids.postmortemModal.reviewers : undefined;

/** Reviewers picked: the postmortem goes into review and each reviewer gets a direct message. */
export const reviewSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const input = parseReviewView(view);
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  // A private incident's postmortem stays with the members of its channel: a reviewer must be one.
  const outsiders = [];
  for (const userId of input.reviewers) if (!(await canSeeIncident(client, incident, userId))) outsiders.push(userId);
  if (outsiders.length > 0)
    throw new DomainError(
      'postmortem.reviewer_not_member',
      services.copy.render('postmortems.reviewer_not_member', {
        people: outsiders.map((id) => `<@${id}>`).join(', '),
        count: outsiders.length,
      }),
    );
  await requestReview(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: body.user.id,
    reviewers: input.reviewers,
  });
  await ack({
    response_action: 'update',
    view: noticeModal(services.copy, {
      titleKey: 'postmortems.review_title',
      text: services.copy.render('postmortems.review_requested', {
        reviewers: input.reviewers.map((id) => `<@${id}>`).join(', '),
      }),
    }),
  });
};
