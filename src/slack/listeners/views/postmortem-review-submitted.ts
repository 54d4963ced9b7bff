import { requestReview } from '../../../postmortems/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseReviewView } from '../../parse/postmortem-views.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

export const reviewFormFields: FieldOf = (code) =>
  code.endsWith('reviewers') ? ids.postmortemModal.reviewers : undefined;

/** Reviewers picked: the postmortem goes into review and each reviewer gets a direct message. */
export const reviewSubmitted: SubmitHandler = async (services, { body, view, client }) => {
  const input = parseReviewView(view);
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  await requestReview(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: body.user.id,
    reviewers: input.reviewers,
  });
};
