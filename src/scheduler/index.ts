export type { JobHandler, NewScheduledJob, ScheduledJob } from './job.ts';
export { JobRunner } from './job-runner.ts';
export { cancelJobs, jobStats, listPendingJobs, scheduleJob, scheduleJobBy } from './scheduler-repo.ts';
