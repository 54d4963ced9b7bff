import type { Logger } from './logger.ts';

type ProcessEvents = Pick<NodeJS.Process, 'on'>;

/**
 * Once Firebreak is serving, an exception or rejection nobody caught (a request's work gone wrong in a
 * library callback) is logged at error and the process keeps serving: every request is stored before
 * it is acknowledged and replayed if unhandled, so one request's failure must not drop all the others.
 * Install it only after start-up: until then a failure is fatal and main() reports it and exits.
 */
export function installProcessGuards(logger: Logger, target: ProcessEvents = process): void {
  target.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection; still serving');
  });
  target.on('uncaughtException', (error, origin) => {
    logger.error({ err: error, origin }, 'uncaught exception; still serving');
  });
}
