export { type DeclareInput, type DeclareResult, declareIncident, incidentStream } from './declare-service.ts';
export { cardStream, queueCardRefresh } from './card-refresh.ts';
export * from './incident.ts';
export { type IncidentChange, type IncidentChangeListener, notifyIncidentChanged } from './incident-changes.ts';
export {
  findIncidentByChannel,
  findIncidentById,
  listIncidents,
  listRoleHolders,
  setSourcePermalink,
  type RoleHolder,
  updateIncidentSlackRefs,
} from './incident-repo.ts';
