export { assignRoles, completeHandover, type RoleAssignment } from './role-service.ts';
export { roleNudgeHandler, roleNudgeJob, roleNudgeListener } from './role-nudges.ts';
export { requireRole, roleNudgeKey } from './roles.ts';
