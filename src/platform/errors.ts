/**
 * A failure the user can fix; `code` is stable, `message` says what to do. The message is plain text
 * (it may quote what the person typed, and is escaped wherever it is shown) unless `format` says it
 * is markup the bot built itself, such as rendered copy with mentions.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly format: 'text' | 'mrkdwn' = 'text',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** SQLSTATE of a driver error, which drizzle wraps in `cause`. */
export function sqlState(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown })?.code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Start-up cannot go on; the message is one line naming the setting to check, and never a secret. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** A URL fit for a log line: no user name or password, no query (either may hold a secret). */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
