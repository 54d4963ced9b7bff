import pino, { type Logger } from 'pino';
import { redactSecrets } from './secrets.ts';

export type { Logger };

// Any Slack token, however short (the shared patterns want six characters after the prefix), keeping
// its kind so a log still says which token was involved.
const tokenPattern = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

/** A log string with anything token-shaped, then every other secret the timeline knows (keys, URL passwords, …), replaced. */
export function redactLogText(text: string): string {
  return redactSecrets(text.replace(tokenPattern, '$1-[redacted]')).text;
}

/** JSON logger with secrets redacted by key and by shape (messages, errors and top-level string fields). */
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
          const cleaned = args.map((arg) => (typeof arg === 'string' ? redactLogText(arg) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          const cleaned: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(object)) cleaned[key] = typeof value === 'string' ? redactLogText(value) : value;
          const err = object.err as { message?: string; stack?: string } | undefined;
          if (err?.message) cleaned.err = { ...err, message: redactLogText(err.message), stack: err.stack && redactLogText(err.stack) };
          return cleaned;
        },
      },
    },
    destination,
  );
}
