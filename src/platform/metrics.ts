import { Counter, Gauge, Registry } from 'prom-client';

/** Prometheus metrics of one running app (its own registry, so several apps can share a process). */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    slackRequests: new Counter({ name: 'firebreak_slack_requests_total', help: 'Requests received from Slack, by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] }),
    effects: new Counter({ name: 'firebreak_outbox_effects_total', help: 'Outbox effects settled, by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] }),
    outboxDepth: new Gauge({ name: 'firebreak_outbox_depth', help: 'Effects waiting or running, by status', labelNames: ['status'], registers: [registry] }),
    outboxLag: new Gauge({ name: 'firebreak_outbox_lag_seconds', help: 'Age of the oldest due effect not yet done', registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
