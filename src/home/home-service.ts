import { queueHomeRefresh } from '../actions/index.ts';
import type { IncidentChange, IncidentChangeListener } from '../incidents/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { inTransaction } from '../platform/transaction.ts';
import { findHomeViewer, listRecentHomeViewers, recordHomeViewer } from './home-viewers-repo.ts';

/** Someone who opened Home within this many days has it republished when an incident changes. */
export const homeRecentDays = 7;
/** At most this many Homes are republished per incident change (the most recent viewers). */
export const homeRepublishLimit = 100;

/** The person opened the Home tab: remembered as a recent viewer, and their Home published (coalesced). */
export async function homeOpened(deps: ServiceDeps, params: { teamId: string; userId: string }): Promise<void> {
  await inTransaction(deps, async (tx, effects) => {
    await recordHomeViewer(tx, { ...params, at: deps.clock.now() });
    queueHomeRefresh(effects, params.teamId, [params.userId]);
  });
}

/**
 * Whether the person opened Home within `homeRecentDays`: only their Home is worth publishing on a
 * change (opening it publishes it afresh anyway), which keeps views.publish calls to people who look.
 */
export async function openedHomeRecently(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  params: { teamId: string; userId: string },
): Promise<boolean> {
  const openedAt = await findHomeViewer(deps.db, params);
  return openedAt !== undefined && deps.clock.now().getTime() - openedAt.getTime() <= homeRecentDays * 86_400_000;
}

// Services alone changes nothing Home shows.
function shownOnHome(change: IncidentChange): boolean {
  return change.kind !== 'services_changed';
}

/**
 * Republishes the Home of recent viewers when an incident they may see appears, changes status,
 * severity or roles, or turns private: at most `homeRepublishLimit`, each coalesced per person.
 */
export function homeOnIncidentChange(deps: Pick<ServiceDeps, 'clock'>): IncidentChangeListener {
  return async (tx, effects, incident, change) => {
    if (!shownOnHome(change)) return;
    const since = new Date(deps.clock.now().getTime() - homeRecentDays * 86_400_000);
    const viewers = await listRecentHomeViewers(tx, { teamId: incident.teamId, since, limit: homeRepublishLimit });
    queueHomeRefresh(effects, incident.teamId, viewers);
  };
}
