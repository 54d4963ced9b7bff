import type { Queryable } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { type JobHandler, scheduleJobBy } from '../scheduler/index.ts';
import { claimDigestWeek } from './digest-repo.ts';
import { digestedWeekStart, digestSchedule, latestDigestSlot, nextDigestSlot } from './digest-week.ts';

export const digestJob = 'insights.digest';
const digestKey = 'insights:digest';

type Deps = Pick<ServiceDeps, 'config' | 'clock'>;

/**
 * Makes sure the workspace's next digest is planned when `digest.channel` is set (at start-up, by
 * every replica: one upsert on the pending key, so they agree). A slot already due, missed while
 * Firebreak was down, stays planned, so the digest still goes out, late, once.
 */
export async function planDigest(db: Queryable, deps: Deps, teamId: string): Promise<void> {
  if (!deps.config.digest.channel) return;
  const runAt = nextDigestSlot(deps.clock.now(), digestSchedule(deps.config)).at;
  await scheduleJobBy(db, { teamId, kind: digestJob, key: digestKey, runAt });
}

/**
 * Queues the digest of the most recent complete week, once: the week is recorded in the same
 * transaction as the post, so a second replica, a retry or a restart finds it taken and sends nothing.
 * With `digest.channel` unset it does nothing and plans nothing further.
 */
export function digestHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    if (!deps.config.digest.channel) return;
    const now = deps.clock.now();
    const schedule = digestSchedule(deps.config);
    const weekStart = digestedWeekStart(latestDigestSlot(now, schedule).week);
    if (await claimDigestWeek(tx, { teamId: job.teamId, weekStart, sentAt: now }))
      effects.add({ teamId: job.teamId, stream: 'digest', kind: 'digest.post', payload: { weekStart } });
    await scheduleJobBy(tx, {
      teamId: job.teamId,
      kind: digestJob,
      key: digestKey,
      runAt: nextDigestSlot(now, schedule).at,
    });
  };
}
