import type { ServiceDeps } from './platform/deps.ts';
import type { JobHandler } from './scheduler/index.ts';

/** Every kind of scheduled job, by the kind name services schedule; each capability adds its own. */
export function jobHandlers(_deps: ServiceDeps): Record<string, JobHandler> {
  return {};
}
