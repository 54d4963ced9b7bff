export { addFollowUps, type FollowUp, listFollowUps } from './follow-up-repo.ts';
