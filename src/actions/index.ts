export * from './action.ts';
export { type ActionChange, type ActionChangeListener, type ActionDeps, queueHomeRefresh } from './action-changes.ts';
export { completeAction, declineAction, reassignAction, snoozeAction } from './action-closing.ts';
export {
  type ActionLint,
  type ActionLintFinding,
  isVerb,
  lintActionText,
  maxWordsAfterVagueOpener,
} from './action-lint.ts';
export type { Action, ActionEvent, ActionEventKind } from './action-model.ts';
export { claimDueOwners, dueOwnersQuery, findActionOwner } from './action-owners-repo.ts';
export { proposeActionsOnResolve } from './action-proposals.ts';
export {
  actionEscalationHandler,
  actionEscalationJob,
  actionReminderSweepHandler,
  actionReminderSweepJob,
  reminderPageSize,
  setOwnerTimeZone,
} from './action-reminders.ts';
export {
  type ActionFilter,
  countIncidentActions,
  countOpenActions,
  findActionById,
  findActionByNumber,
  listActionEvents,
  listActionsByIds,
  listActionsPage,
  listIncidentActions,
  listOpenActionsOfOwners,
} from './action-repo.ts';
export {
  type ActionTarget,
  acceptFollowUp,
  actionNotFound,
  createAction,
  dueDaysBySeverity,
  maxActionText,
  maxCloseNote,
  type NewActionInput,
  requireAction,
  teamToday,
} from './action-service.ts';
export {
  addCalendarMonths,
  type DueDateProblemCode,
  type DueDateResult,
  defaultDueDate,
  parseDueDate,
} from './due-dates.ts';
export { groupByDue, isAwake, nextWeeklySlot, slotBeingSent, type WeeklySlot } from './weekly-reminder.ts';
