/** IANA time-zone helpers for user profiles (`tz_offset`, `tz_label`), using only Intl. */

// Every user lookup recomputes both values, and building an Intl.DateTimeFormat is the costly part.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, timeZoneName: 'longOffset' | 'long'): Intl.DateTimeFormat {
  const key = `${timeZone}|${timeZoneName}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName });
    formatters.set(key, format);
  }
  return format;
}

/** Seconds east of UTC for `timeZone` at `atMs`; throws RangeError for an unknown zone. */
export function timeZoneOffsetSeconds(timeZone: string, atMs: number): number {
  const parts = formatter(timeZone, 'longOffset').formatToParts(atMs);
  const label = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(label);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

/** Long display name of `timeZone` at `atMs`, e.g. "Eastern Standard Time" (Slack's `tz_label`). */
export function timeZoneLabel(timeZone: string, atMs: number): string {
  const parts = formatter(timeZone, 'long').formatToParts(atMs);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
