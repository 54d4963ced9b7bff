import type { Logger } from 'pino';
import type { ActionDeps } from '../actions/index.ts';
import type { FirebreakConfig } from '../config/firebreak-config.ts';
import type { IncidentDeps } from '../incidents/index.ts';
import type { Copy } from '../platform/copy.ts';
import type { PostmortemDeps } from '../postmortems/index.ts';
import type { RunbookDeps } from '../runbooks/index.ts';

/** Everything any domain service needs; the wiring (src/app) builds one such object. */
export type AllServiceDeps = IncidentDeps & RunbookDeps & PostmortemDeps & ActionDeps;

/** What Slack listeners are given: the domain services' dependencies, the copy, a logger. */
export type SlackServices = {
  deps: AllServiceDeps;
  config: FirebreakConfig;
  copy: Copy;
  logger: Logger;
};
