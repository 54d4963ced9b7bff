import type { Weekday } from '../config/firebreak-config.ts';
import { atLocalHour, type LocalDate, localDateOf, parseLocalDate, shiftDays } from '../platform/local-time.ts';

const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const weekMs = 7 * 86_400_000;

export type WeeklySlot = {
  /** When the reminder goes out. */
  at: Date;
  /** The reminder day's local date: the week's key, so each week's reminder is sent once. */
  week: LocalDate;
};

export type WeeklySchedule = { day: Weekday; hour: number; timeZone: string };

/**
 * The first weekly reminder strictly after `after`: the configured weekday at the configured hour on
 * the owner's own wall clock, so Tokyo, Berlin and New York each get it in their morning and a
 * daylight-saving change does not move it (a skipped hour becomes the first instant after the gap).
 */
export function nextWeeklySlot(after: Date, schedule: WeeklySchedule): WeeklySlot {
  const today = localDateOf(after, schedule.timeZone);
  // From yesterday: the local date of `after` may already be past a slot still ahead in UTC terms.
  for (let offset = -1; offset <= 8; offset++) {
    const date = shiftDays(today, offset);
    if (weekdayOf(date) !== schedule.day) continue;
    const at = atLocalHour(date, schedule.hour, schedule.timeZone);
    if (at.getTime() > after.getTime()) return { at, week: date };
  }
  throw new Error(`no ${schedule.day} ${schedule.hour}:00 in ${schedule.timeZone} after ${after.toISOString()}`);
}

/**
 * The slot a reminder run at `now` stands for: the one planned (`plannedAt`) when it is within the last
 * week, else the latest slot at or before now, so a downtime longer than a week sends one reminder for
 * the week it ends in rather than one labelled with a week long gone.
 */
export function slotBeingSent(plannedAt: Date, now: Date, schedule: WeeklySchedule): WeeklySlot {
  if (now.getTime() - plannedAt.getTime() < weekMs) {
    return { at: plannedAt, week: localDateOf(plannedAt, schedule.timeZone) };
  }
  const latest = nextWeeklySlot(new Date(now.getTime() - weekMs), schedule);
  return latest.at.getTime() <= now.getTime()
    ? latest
    : { at: plannedAt, week: localDateOf(plannedAt, schedule.timeZone) };
}

/** How an owner's open actions read in a reminder: overdue, due this week (through `week + 6`), later. */
export function groupByDue<T extends { dueDate: LocalDate }>(
  actions: readonly T[],
  today: LocalDate,
): { overdue: T[]; thisWeek: T[]; later: T[] } {
  const weekEnd = shiftDays(today, 6);
  return {
    overdue: actions.filter((action) => action.dueDate < today),
    thisWeek: actions.filter((action) => action.dueDate >= today && action.dueDate <= weekEnd),
    later: actions.filter((action) => action.dueDate > weekEnd),
  };
}

/** Whether a snoozed action is back in reminders: its new date falls within the week starting `today`. */
export function isAwake(action: { snoozedUntil: LocalDate | null }, today: LocalDate): boolean {
  return action.snoozedUntil === null || action.snoozedUntil <= shiftDays(today, 6);
}

function weekdayOf(date: LocalDate): Weekday {
  return weekdays[new Date(parseLocalDate(date)).getUTCDay()] as Weekday;
}
