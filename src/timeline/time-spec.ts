import { DomainError } from '../platform/errors.ts';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock date and time in `timeZone` at an instant. */
export function wallClock(
  instant: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The instant at which the wall clock in `timeZone` shows the given date and time (DST gaps resolve forward). */
export function zonedTimeToInstant(
  local: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  let guess = asUtc;
  // Two rounds settle the zone offset, including across a DST change between guess and target.
  for (let round = 0; round < 2; round++) {
    const shown = wallClock(new Date(guess), timeZone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second);
    guess += asUtc - shownAsUtc;
  }
  return new Date(guess);
}

export type TimeSpecResult = { at: Date; rest: string } | undefined;

const usage =
  'Give the time as `14:05`, `yesterday 23:50` or `2026-11-25T14:05` (in the incident timezone), e.g. `/incident note at 14:05 rolled back`.';

/**
 * Reads a leading time ("at 14:05", "yesterday 23:50", "now", an ISO date-time) in the incident's
 * timezone; undefined when the text does not start with one. Times in the future are refused, except a
 * bare time of last night shortly after midnight.
 */
export function parseLeadingTime(
  text: string,
  options: { now: Date; timeZone: string; requireAt?: boolean },
): TimeSpecResult {
  const match =
    /^(at\s+)?(now|yesterday\s+\d{1,2}:\d{2}|today\s+\d{1,2}:\d{2}|\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)(?=\s|$)\s*([\s\S]*)$/i.exec(
      text.trim(),
    );
  if (!match || (options.requireAt && !match[1])) {
    if (/^at\s/i.test(text.trim())) throw new DomainError('timeline.bad_time', usage);
    return undefined;
  }
  const spec = (match[2] as string).toLowerCase();
  const at = resolveSpec(spec, options);
  if (at.getTime() > options.now.getTime() + 60_000) {
    // Just after midnight, "23:50" means last night: a bare time that has not come yet today is taken as
    // yesterday's when that was at most 12 hours ago (further back it is more likely a typo).
    const lastNight = /^\d{1,2}:\d{2}$/.test(spec) ? resolveSpec(`yesterday ${spec}`, options) : undefined;
    if (lastNight && options.now.getTime() - lastNight.getTime() <= 12 * 3_600_000)
      return { at: lastNight, rest: (match[3] ?? '').trim() };
    throw new DomainError('timeline.time_in_future', `${match[2]} is in the future. ${usage}`);
  }
  return { at, rest: (match[3] ?? '').trim() };
}

function resolveSpec(spec: string, options: { now: Date; timeZone: string }): Date {
  if (spec === 'now') return options.now;
  const iso = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(z|[+-]\d{2}:?\d{2})?$/.exec(spec);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    if (zone) {
      const parsed = new Date(`${y}-${mo}-${d}T${h?.padStart(2, '0')}:${mi}:${s ?? '00'}${zone === 'z' ? 'Z' : zone}`);
      if (Number.isNaN(parsed.getTime())) throw new DomainError('timeline.bad_time', usage);
      return parsed;
    }
    return checkedZoned(
      {
        year: Number(y),
        month: Number(mo),
        day: Number(d),
        hour: Number(h),
        minute: Number(mi),
        second: Number(s ?? 0),
      },
      options.timeZone,
    );
  }
  const clock = /^(?:(yesterday|today)\s+)?(\d{1,2}):(\d{2})$/.exec(spec);
  if (!clock) throw new DomainError('timeline.bad_time', usage);
  const today = wallClock(options.now, options.timeZone);
  // Noon of the wanted day, stepped back a day for "yesterday", gives the calendar date safely across DST.
  const noon = zonedTimeToInstant({ ...today, hour: 12, minute: 0, second: 0 }, options.timeZone);
  const day = clock[1] === 'yesterday' ? wallClock(new Date(noon.getTime() - 86_400_000), options.timeZone) : today;
  return checkedZoned(
    { year: day.year, month: day.month, day: day.day, hour: Number(clock[2]), minute: Number(clock[3]), second: 0 },
    options.timeZone,
  );
}

function checkedZoned(
  local: { year: number; month: number; day: number; hour: number; minute: number; second: number },
  timeZone: string,
): Date {
  if (
    local.month < 1 ||
    local.month > 12 ||
    local.day < 1 ||
    local.day > 31 ||
    local.hour > 23 ||
    local.minute > 59 ||
    local.second > 59
  ) {
    throw new DomainError('timeline.bad_time', usage);
  }
  return zonedTimeToInstant(local, timeZone);
}

/** "14:05" style wall-clock label of an instant in a timezone, for confirmations. */
export function formatInZone(instant: Date, timeZone: string): string {
  const t = wallClock(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)} ${timeZone}`;
}
