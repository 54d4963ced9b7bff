export {
  type Confidence,
  checkUpdate,
  confidenceLevels,
  isClosed,
  type StakeholderUpdateInput,
  updateDueKey,
  updateErrorField,
  updateIntervalMinutes,
  updateOwner,
} from './update.ts';
export { updateCadence, updateDueHandler } from './update-cadence.ts';
export { findUpdate, listUpdates, type StakeholderUpdate } from './update-repo.ts';
export { postStakeholderUpdate, scheduleUpdateDue, updateDueJobKind, updateFormContext } from './update-service.ts';
