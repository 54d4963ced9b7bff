export { findUpdate, listUpdates, type StakeholderUpdate } from './update-repo.ts';
export { postStakeholderUpdate, scheduleUpdateDue, updateDueJobKind, updateFormContext } from './update-service.ts';
export { updateCadence, updateDueHandler } from './update-cadence.ts';
export { checkUpdate, type Confidence, confidenceLevels, isClosed, type StakeholderUpdateInput, updateDueKey, updateErrorField, updateIntervalMinutes, updateOwner } from './update.ts';
