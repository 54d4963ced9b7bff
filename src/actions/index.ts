export {
  type ActionPriority,
  type ActionStatus,
  type ActionType,
  actionPriorities,
  actionPrioritySchema,
  actionStatuses,
  actionStatusSchema,
  actionTypeSchema,
  actionTypes,
  formatActionRef,
  parseActionRef,
  trackerKeySchema,
} from './action.ts';
export {
  type ActionLint,
  type ActionLintFinding,
  isVerb,
  lintActionText,
  maxWordsAfterVagueOpener,
} from './action-lint.ts';
export {
  addCalendarMonths,
  type DueDateProblemCode,
  type DueDateResult,
  defaultDueDate,
  parseDueDate,
} from './due-dates.ts';
