export { type AuditEntry, listAudit, type NewAuditEntry, recordAudit } from './audit-repo.ts';
