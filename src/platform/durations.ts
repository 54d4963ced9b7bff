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
