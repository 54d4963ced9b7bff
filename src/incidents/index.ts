export {
  archiveHandler,
  archiveJob,
  archiveListener,
  archiveWarningHandler,
  archiveWarningJob,
  cancelChannelArchive,
  scheduleChannelArchive,
} from './archive-schedule.ts';
export { cardStream, queueCardRefresh, queueTopicRefresh, topicStream } from './card-refresh.ts';
export { type ChangeRecord, recordIncidentChange } from './change-record.ts';
export { type DeclareInput, type DeclareResult, declareIncident } from './declare-service.ts';
export * from './incident.ts';
export {
  type IncidentChange,
  type IncidentChangeListener,
  type IncidentDeps,
  notifyIncidentChanged,
} from './incident-changes.ts';
export { incidentEffect, incidentStream } from './incident-effects.ts';
export { incidentInChannel, listOpenIncidents, requireIncident } from './incident-lookups.ts';
export {
  countOpenIncidentsBySeverity,
  findIncidentByChannel,
  findIncidentById,
  findIncidentByNumber,
  listIncidents,
  lockIncident,
  nextCounterValue,
  setSourcePermalink,
  updateIncidentIf,
  updateIncidentSlackRefs,
} from './incident-repo.ts';
export * from './lifecycle.ts';
export { type MilestoneName, milestoneNames } from './milestone.ts';
export { recordStatusMilestones } from './milestone-listener.ts';
export { listMilestones, type Milestones, milestonesOf, setMilestone, setMilestones } from './milestone-service.ts';
export { makePrivate, refuseMakePublic } from './private-service.ts';
export { type RelatedIncident, relatedIncidents } from './related-incidents.ts';
export * from './roles/index.ts';
export { changeSeverity, type SeverityChangeInput } from './severity-service.ts';
export { changeStatus, type Resolution, type StatusChangeInput } from './status-service.ts';
