import { describe, expect, it } from 'vitest';
import { changeStatus, declareIncident, type Incident } from '../../src/incidents/index.ts';
import { findPostmortem, findVersion, loadPostmortemRecord } from '../../src/postmortems/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { manualClock, testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const day = 86_400_000;

async function setup() {
  const clock = manualClock(new Date('2026-11-02T10:00:00Z'));
  const { deps } = await testDeps(database, { clock });
  let n = 0;
  const declare = async (
    title: string,
    extra: { services?: string[]; isPrivate?: boolean; isDrill?: boolean } = {},
  ) => {
    n++;
    const { incident } = await declareIncident(deps, {
      teamId: 'T1',
      declareKey: `k${n}`,
      declaredBy: 'U0ALICE',
      title,
      severity: 'sev2',
      ...extra,
    });
    return incident;
  };
  const resolve = (incident: Incident) =>
    changeStatus(deps, {
      teamId: 'T1',
      incidentId: incident.id,
      to: 'resolved',
      actorId: 'U0ALICE',
      resolution: { finalSeverity: 'sev2', customerImpact: 'Search slow', changeInduced: false, triggeringChange: '' },
    });
  return { clock, deps, declare, resolve };
}

describe('the record a postmortem is drafted from', () => {
  it('relates incidents on the same service or with similar words within 90 days, never private ones or drills', async () => {
    const { clock, declare } = await setup();
    await declare('Search latency spike', { services: ['search-api'] });
    clock.advance(day);
    await declare('Elasticsearch cluster red', { services: ['search-api'] });
    await declare('Checkout latency spike in EU');
    await declare('Search latency spike again', { isPrivate: true });
    await declare('Search latency drill', { isDrill: true });
    await declare('Billing export late');
    clock.advance(120 * day);
    await declare('Search latency spike, months later', { services: ['search-api'] });
    clock.set(new Date('2026-11-20T10:00:00Z'));
    const current = await declare('Search latency spike', { services: ['search-api'] });
    const record = await loadPostmortemRecord(database.db, current);
    expect(record.related.map((r) => [r.ref, r.reason])).toEqual([
      // Same service first, the closer wording ranked higher.
      ['INC-1', 'same service'],
      ['INC-2', 'same service'],
      ['INC-3', 'similar'],
    ]);
  });

  it('re-opening keeps the postmortem; resolving again regenerates it', async () => {
    const { deps, declare, resolve } = await setup();
    const incident = await declare('Search latency spike');
    await resolve(incident);
    const first = await findPostmortem(database.db, { teamId: 'T1', incidentId: incident.id });
    expect(first?.version).toBe(1);
    await changeStatus(deps, { teamId: 'T1', incidentId: incident.id, to: 'investigating', actorId: 'U0BOB' });
    expect((await findPostmortem(database.db, { teamId: 'T1', incidentId: incident.id }))?.id).toBe(first?.id);
    await resolve(incident);
    const again = await findPostmortem(database.db, { teamId: 'T1', incidentId: incident.id });
    expect(again?.id).toBe(first?.id);
    expect(again?.version).toBe(2);
    const markdown = (await findVersion(database.db, { teamId: 'T1', postmortemId: again!.id, version: 2 }))!.markdown;
    expect(markdown).toMatch(/reopened/);
  });
});
