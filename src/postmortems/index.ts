export { flagsOf, type SectionFlag } from './blameless-flags.ts';
export {
  type ContributingFactor,
  type HumanSectionId,
  type HumanSections,
  humanSectionIds,
  humanSectionLabels,
  maxSectionLength,
  type Postmortem,
  type PostmortemStatus,
  parseContributingFactors,
  SectionError,
  statusLabels,
} from './postmortem.ts';
export { type PostmortemDeps, renderPostmortem } from './postmortem-drafting.ts';
export { postmortemStream, queuePostmortemRefresh } from './postmortem-effects.ts';
export { postmortemOnActionChange, postmortemOnResolve } from './postmortem-listener.ts';
export { loadPostmortemRecord, type PostmortemRecord } from './postmortem-record.ts';
export {
  nextReminder,
  postmortemReminderHandler,
  postmortemReminderJob,
  rescheduleReminder,
} from './postmortem-reminders.ts';
export {
  countOverduePostmortems,
  findPostmortem,
  findVersion,
  listSectionEdits,
  listUnpublishedPostmortemsOfOwner,
  listVersionDocuments,
  listVersions,
  type PostmortemVersion,
  setPostmortemSlackRefs,
} from './postmortem-repo.ts';
export { maxReviewers, PublishNeedsReason, publishPostmortem, requestReview } from './postmortem-review.ts';
export {
  changePostmortemOwner,
  noPostmortem,
  openPostmortem,
  regeneratePostmortem,
  requestPostmortemExport,
  writeUpPostmortem,
} from './postmortem-service.ts';
export {
  compilePostmortemTemplate,
  defaultPostmortemTemplatePath,
  loadPostmortemTemplate,
  type PostmortemTemplate,
  PostmortemTemplateError,
} from './postmortem-template.ts';
