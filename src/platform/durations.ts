const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

// The smallest unit formatDuration shows a duration of `ms` (≥ 0) in: seconds under a minute, minutes under a day, then hours.
function shownUnitMs(ms: number): number {
  return ms < minute ? second : ms < day ? minute : hour;
}

function checkedDuration(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`not a duration: ${ms}`);
  return ms;
}

/**
 * A duration for people: "45s" under a minute, "12m" under an hour, "1h 05m" under a day, then
 * whole days and hours ("3d 4h", exactly a day is "1d 0h"); rounded down; a negative one gets a "-".
 */
export function formatDuration(ms: number): string {
  if (checkedDuration(ms) < 0) return `-${formatDuration(-ms)}`;
  const unit = shownUnitMs(ms);
  if (unit === second) return `${Math.floor(ms / second)}s`;
  if (unit === minute) {
    const minutes = Math.floor(ms / minute);
    return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
  }
  const hours = Math.floor(ms / hour);
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
 * `ms` rounded down to the unit formatDuration shows it in, so that a difference of two shown
 * durations agrees with what they read: "1h 30m against 3h 00m" is 1h 30m apart, not 1h 29m.
 */
export function shownDurationMs(ms: number): number {
  if (checkedDuration(ms) < 0) return -shownDurationMs(-ms);
  const unit = shownUnitMs(ms);
  return Math.floor(ms / unit) * unit;
}
