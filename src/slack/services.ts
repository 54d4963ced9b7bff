import type { Logger } from 'pino';
import type { FirebreakConfig } from '../config/firebreak-config.ts';
import type { Copy } from '../platform/copy.ts';
import type { ServiceDeps } from '../platform/deps.ts';

/** What Slack listeners are given: the domain services' dependencies, the copy, a logger. */
export type SlackServices = {
  deps: ServiceDeps;
  config: FirebreakConfig;
  copy: Copy;
  logger: Logger;
};
