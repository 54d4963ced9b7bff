export type { JobHandler, NewScheduledJob, ScheduledJob } from './job.ts';
export { JobRunner } from './job-runner.ts';
export {
  cancelJobs,
  jobStats,
  lastJobSuccesses,
  listPendingJobs,
  recordJobSuccess,
  scheduleJob,
  scheduleJobBy,
} from './scheduler-repo.ts';
