/** Every table, for drizzle-kit and for typed queries. */
export * from '../audit/audit.sql.ts';
export * from '../inbox/inbox.sql.ts';
export * from '../incidents/incident.sql.ts';
export * from '../outbox/outbox.sql.ts';
export * from '../timeline/timeline.sql.ts';
export * from '../scheduler/scheduler.sql.ts';
export * from '../timeline/capture.sql.ts';
export * from '../runbooks/runbook.sql.ts';
export * from '../follow-ups/follow-up.sql.ts';
export * from '../updates/stakeholder-update.sql.ts';
