import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one running app (its own registry, so several apps can share a process). */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    slackRequests: new Counter({
      name: 'firebreak_slack_requests_total',
      help: 'Requests received from Slack, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    slackAckSeconds: new Histogram({
      name: 'firebreak_slack_ack_seconds',
      help: 'Seconds from a Slack request received to its acknowledgement sent, by kind',
      labelNames: ['kind'],
      // Slack gives up at 3 s; the buckets resolve the fast path (a group commit) and the approach to that limit.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
      registers: [registry],
    }),
    slackPacedWaits: new Counter({
      name: 'firebreak_slack_paced_waits_total',
      help: 'Slack calls that waited for a turn within the rate limits, by method and outcome (sent, or deferred to a retry)',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    slackPacedWaitSeconds: new Counter({
      name: 'firebreak_slack_paced_wait_seconds_total',
      help: 'Seconds Slack calls spent waiting for a turn within the rate limits, by method',
      labelNames: ['method'],
      registers: [registry],
    }),
    slackRateLimited: new Counter({
      name: 'firebreak_slack_rate_limited_total',
      help: 'Slack Web API calls answered 429 (rate limited), by method',
      labelNames: ['method'],
      registers: [registry],
    }),
    openIncidents: new Gauge({
      name: 'firebreak_open_incidents',
      help: 'Incidents not resolved or closed, by severity, summed over every workspace',
      labelNames: ['severity'],
      registers: [registry],
    }),
    openActions: new Gauge({
      name: 'firebreak_actions_open',
      help: 'Corrective actions open (snoozed included), summed over every workspace',
      registers: [registry],
    }),
    overdueActions: new Gauge({
      name: 'firebreak_actions_overdue',
      help: 'Open actions whose due date is before today in the configured timezone, summed over every workspace',
      registers: [registry],
    }),
    overduePostmortems: new Gauge({
      name: 'firebreak_postmortems_overdue',
      help: 'Postmortems not yet published whose due time has passed, summed over every workspace',
      registers: [registry],
    }),
    jobLastSuccess: new Gauge({
      name: 'firebreak_job_last_success_timestamp_seconds',
      help: 'Unix time a scheduled job of this kind last finished successfully, the latest over every workspace; absent until one has',
      labelNames: ['job'],
      registers: [registry],
    }),
    effects: new Counter({
      name: 'firebreak_outbox_effects_total',
      help: 'Outbox effects settled, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'firebreak_outbox_depth',
      help: 'Effects waiting or running, by status',
      labelNames: ['status'],
      registers: [registry],
    }),
    outboxLag: new Gauge({
      name: 'firebreak_outbox_lag_seconds',
      help: 'Age of the oldest due effect not yet done',
      registers: [registry],
    }),
    jobsDepth: new Gauge({
      name: 'firebreak_scheduler_jobs',
      help: 'Scheduled jobs, by state (pending, due, dead)',
      labelNames: ['state'],
      registers: [registry],
    }),
    jobsLag: new Gauge({
      name: 'firebreak_scheduler_lag_seconds',
      help: 'How late the oldest due job is',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
