import { findIncidentById } from '../incidents/index.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { cancelJobs, type JobHandler, scheduleJob } from '../scheduler/index.ts';
import { cachedTimeZone } from '../timeline/index.ts';
import {
  atLocalHour,
  businessDaysBetween,
  localDateOf,
  nextBusinessDay,
  previousBusinessDay,
} from './business-days.ts';
import type { Postmortem } from './postmortem.ts';
import { postmortemStream } from './postmortem-effects.ts';
import { findPostmortem } from './postmortem-repo.ts';

export const postmortemReminderJob = 'postmortem.reminder';
const reminderKey = (postmortemId: number) => `postmortem:${postmortemId}:reminder`;

export type ReminderStage = 'before' | 'due' | 'overdue';
export type NextReminder = { date: string; at: Date; stage: ReminderStage; businessDaysLate: number };

type Calendar = { timezone: string; businessDays: ServiceDeps['config']['business_days']; holidays: string[] };

/**
 * The next reminder after `now`: one business day before the due day, on it, then each business day
 * after, at `postmortem.reminder_hour` in the owner's own time zone. Downtime skips the ones it
 * missed rather than sending them all at once.
 */
export function nextReminder(params: {
  dueDate: string;
  calendar: Calendar;
  ownerTimeZone: string;
  hour: number;
  now: Date;
}): NextReminder {
  const { dueDate, calendar } = params;
  let date = previousBusinessDay(dueDate, calendar);
  // A year of business days is far beyond any postmortem anyone still chases; it bounds the loop.
  for (let i = 0; i < 400; i++) {
    const at = atLocalHour(date, params.hour, params.ownerTimeZone);
    if (at.getTime() > params.now.getTime()) {
      const stage: ReminderStage = date < dueDate ? 'before' : date === dueDate ? 'due' : 'overdue';
      return {
        date,
        at,
        stage,
        businessDaysLate: stage === 'overdue' ? businessDaysBetween(dueDate, date, calendar) : 0,
      };
    }
    date = nextBusinessDay(date, calendar);
  }
  throw new Error(`no reminder date found after ${params.now.toISOString()} for due ${dueDate}`);
}

export function calendarOfConfig(config: ServiceDeps['config']): Calendar {
  return { timezone: config.timezone, businessDays: config.business_days, holidays: config.holidays };
}

/** (Re)schedules the owner's next reminder; one pending job per postmortem, replaced on each call. */
export async function scheduleReminder(
  db: Queryable,
  deps: Pick<ServiceDeps, 'config'>,
  postmortem: Pick<Postmortem, 'id' | 'teamId' | 'incidentId' | 'ownerId' | 'dueDate' | 'firstPublishedAt'>,
  now: Date,
): Promise<void> {
  if (postmortem.firstPublishedAt) return;
  const ownerTimeZone =
    (await cachedTimeZone(db, { teamId: postmortem.teamId, userId: postmortem.ownerId })) ?? deps.config.timezone;
  const next = nextReminder({
    dueDate: postmortem.dueDate,
    calendar: calendarOfConfig(deps.config),
    ownerTimeZone,
    hour: deps.config.postmortem.reminder_hour,
    now,
  });
  await scheduleJob(db, {
    teamId: postmortem.teamId,
    kind: postmortemReminderJob,
    key: reminderKey(postmortem.id),
    runAt: next.at,
    payload: { incidentId: postmortem.incidentId, ...next, at: next.at.toISOString(), ownerTimeZone },
  });
}

export async function cancelReminder(tx: Tx, postmortem: Pick<Postmortem, 'id' | 'teamId'>): Promise<void> {
  await cancelJobs(tx, { teamId: postmortem.teamId, keyPrefix: reminderKey(postmortem.id) });
}

/**
 * Sends the due reminder to the owner (queued in the job's own transaction, so once whichever replica
 * runs it, however often it restarts) and schedules the next, until the postmortem is published.
 */
export function postmortemReminderHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    const incidentId = Number(job.payload.incidentId);
    const postmortem = await findPostmortem(tx, { teamId: job.teamId, incidentId });
    const incident = await findIncidentById(tx, { teamId: job.teamId, id: incidentId });
    if (!postmortem || !incident || postmortem.firstPublishedAt) return;
    // A reminder run late (the process was down) speaks of today, not of the day it was planned for.
    const now = deps.clock.now();
    const today = localDateOf(now, String(job.payload.ownerTimeZone ?? deps.config.timezone));
    const calendar = calendarOfConfig(deps.config);
    const late = today > postmortem.dueDate ? Math.max(1, businessDaysBetween(postmortem.dueDate, today, calendar)) : 0;
    const stage: ReminderStage = today < postmortem.dueDate ? 'before' : late > 0 ? 'overdue' : 'due';
    effects.add({
      teamId: job.teamId,
      stream: postmortemStream(incidentId),
      kind: 'postmortem.reminder_dm',
      payload: {
        incidentId,
        userId: postmortem.ownerId,
        dueDate: postmortem.dueDate,
        stage,
        businessDaysLate: late,
      },
    });
    // Planned from the later of now and this reminder's time, so a late run does not repeat today's.
    const after = new Date(Math.max(now.getTime(), job.runAt.getTime()));
    await scheduleReminder(tx, deps, postmortem, after);
  };
}

/** Once the owner's time zone is known (users.info), their pending reminder moves to their own hour. */
export async function rescheduleReminder(
  db: Queryable,
  deps: Pick<ServiceDeps, 'config'>,
  params: { teamId: string; incidentId: number; now: Date },
): Promise<void> {
  const postmortem = await findPostmortem(db, params);
  if (postmortem) await scheduleReminder(db, deps, postmortem, params.now);
}
