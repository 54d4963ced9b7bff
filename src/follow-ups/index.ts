export { addFollowUps, type FollowUp, findFollowUp, listFollowUps, markFollowUpAccepted } from './follow-up-repo.ts';
