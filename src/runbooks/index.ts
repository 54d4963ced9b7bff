export { loadRunbooks, parseRunbookText, RunbookError } from './load-runbooks.ts';
export {
  findRunbook,
  matchRunbooks,
  offerStartKey,
  offerTsOf,
  type Runbook,
  type RunbookDeps,
  type RunbookStep,
  runbookSteps,
  servicesWithoutRunbook,
  verifyStepId,
} from './runbook.ts';
export { offerRunbooks, runbookChoices, writeRunbookKind } from './runbook-offers.ts';
export {
  findRun,
  listRunSteps,
  listRuns,
  type RunbookRun,
  type RunStep,
  runProgress,
  setRunMessage,
} from './runbook-repo.ts';
export { actOnStep, runbookStream, type StartRunbookInput, type StepAction, startRunbook } from './runbook-service.ts';
