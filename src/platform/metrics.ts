import { Counter, Gauge, Registry } from 'prom-client';

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
