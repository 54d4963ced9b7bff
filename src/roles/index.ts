export { assignRoles, completeHandover, type RoleAssignment, roleHolderOf, roleHoldersOf } from './role-service.ts';
export { roleNudgeHandler, roleNudgeListener } from './role-nudges.ts';
export { requireRole, roleNudgeKey } from './roles.ts';
