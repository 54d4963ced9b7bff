/**
 * Retries `check` until it returns a defined value (or stops throwing), for work that follows an ack.
 * The default wait is generous: it only matters when something is wrong, and CI's two cores run two test
 * files (each with its app, emulator and database) at once.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) throw lastError ?? new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
