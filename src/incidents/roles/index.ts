export { listRoleHolders, type RoleHolder, upsertRoleHolder } from './role-holder-repo.ts';
export { roleNudgeHandler, roleNudgeJob, roleNudgeListener } from './role-nudges.ts';
export { assignRoles, completeHandover, type RoleAssignment, roleHolderOf, roleHoldersOf } from './role-service.ts';
export { requireRole, roleNudgeKey } from './roles.ts';
