/**
 * A duration for people: "45s" under a minute, "12m" under an hour, "1h 05m" under a day, then
 * whole days and hours ("3d 4h", exactly a day is "1d 0h"); rounded down; a negative one gets a "-".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a duration: ${ms}`);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
 * `ms` rounded down to the unit formatDuration shows it in (second, minute or hour), so that a difference
 * of two shown durations agrees with what they read: "1h 30m against 3h 00m" is 1h 30m apart, not 1h 29m.
 */
export function shownDurationMs(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`not a duration: ${ms}`);
  if (ms < 0) return -shownDurationMs(-ms);
  const unit = ms < 60_000 ? 1000 : ms < 86_400_000 ? 60_000 : 3_600_000;
  return Math.floor(ms / unit) * unit;
}
