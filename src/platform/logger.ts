import pino, { type Logger } from 'pino';
import { redactLogText, serializeError } from './log-errors.ts';

export type { Logger };
export { redactLogText };

/**
 * JSON logger with secrets redacted by key and by shape (messages, errors and top-level string fields);
 * errors keep their type, message, code and causes, never the parameters or payloads they carry.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'token',
          '*.token',
          'botToken',
          '*.botToken',
          'signingSecret',
          '*.signingSecret',
          'headers.authorization',
          '*.headers.authorization',
          'config.headers.Authorization',
        ],
        censor: '[redacted]',
      },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) => (typeof arg === 'string' ? redactLogText(arg) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          const cleaned: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(object))
            cleaned[key] = typeof value === 'string' ? redactLogText(value) : value;
          return cleaned;
        },
      },
    },
    destination,
  );
}
