import pino, { type Logger } from 'pino';

export type { Logger };

// Slack tokens look like xoxb-…, xoxp-…, xapp-…; they must never reach a log line.
const tokenPattern = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

/** Replaces anything token-shaped in a string. */
export function redactSecrets(text: string): string {
  return text.replace(tokenPattern, '$1-[redacted]');
}

/** JSON logger with secrets redacted by key and by shape. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'botToken', '*.botToken', 'signingSecret', '*.signingSecret', 'headers.authorization', '*.headers.authorization', 'config.headers.Authorization'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          const err = object.err as { message?: string; stack?: string } | undefined;
          if (err?.message) return { ...object, err: { ...err, message: redactSecrets(err.message), stack: err.stack && redactSecrets(err.stack) } };
          return object;
        },
      },
    },
    destination,
  );
}
