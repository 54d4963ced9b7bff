export { type JobHandler, type NewScheduledJob, type ScheduledJob } from './job.ts';
export { JobRunner } from './job-runner.ts';
export { cancelJobs, jobStats, listPendingJobs, scheduleJob } from './scheduler-repo.ts';
