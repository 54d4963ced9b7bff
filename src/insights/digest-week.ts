import { nextWeeklySlot, type WeeklySlot } from '../actions/index.ts';
import type { FirebreakConfig } from '../config/firebreak-config.ts';
import { type LocalDate, parseLocalDate, shiftDays } from '../platform/local-time.ts';

const weekMs = 7 * 86_400_000;

/** When the digest goes out: `digest.day` at `digest.hour` on the wall clock of the configured `timezone`. */
export type DigestSchedule = { day: FirebreakConfig['digest']['day']; hour: number; timeZone: string };

/** The digest's schedule under the configuration. */
export function digestSchedule(config: FirebreakConfig): DigestSchedule {
  return { day: config.digest.day, hour: config.digest.hour, timeZone: config.timezone };
}

/** The Monday on or before a date: weeks are Monday to Sunday, whatever day the digest is posted on. */
export function mondayOf(date: LocalDate): LocalDate {
  const weekday = new Date(parseLocalDate(date)).getUTCDay();
  return shiftDays(date, -((weekday + 6) % 7));
}

/**
 * The week a digest posted on `slotDate` is about: the last Monday-to-Sunday week that ended before
 * that day began, so a Monday digest covers the seven days just gone and a Sunday one the week before.
 */
export function digestedWeekStart(slotDate: LocalDate): LocalDate {
  return shiftDays(mondayOf(slotDate), -7);
}

/**
 * The latest slot at or before `now`. A job that runs late after a downtime stands for this slot, so
 * it sends one digest, for the most recent complete week, however many slots were missed.
 */
export function latestDigestSlot(now: Date, schedule: DigestSchedule): WeeklySlot {
  // The first slot after a week ago is the only one that can be at or before now within the last week.
  const slot = nextWeeklySlot(new Date(now.getTime() - weekMs), schedule);
  if (slot.at.getTime() <= now.getTime()) return slot;
  return nextWeeklySlot(new Date(now.getTime() - 2 * weekMs), schedule);
}

/** The next slot strictly after `after`: when the digest job is planned to run next. */
export function nextDigestSlot(after: Date, schedule: DigestSchedule): WeeklySlot {
  return nextWeeklySlot(after, schedule);
}
