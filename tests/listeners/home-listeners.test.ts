import { describe, expect, it } from 'vitest';
import { homeViewersTable } from '../../src/home/home-viewer.sql.ts';
import { outboxTable } from '../../src/outbox/outbox.sql.ts';
import { ids } from '../../src/slack/ids.ts';
import { onClick } from '../../src/slack/listeners/actions/action-support.ts';
import { homeDeclareClicked } from '../../src/slack/listeners/actions/home-declare-clicked.ts';
import type { EventArgs } from '../../src/slack/listeners/events/event-support.ts';
import { homeOpened } from '../../src/slack/listeners/events/home-opened.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { clickArgs, listenerServices, teamId, triggerId } from '../support/fake-listener-args.ts';
import { bob } from '../support/lifecycle.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

function opened(tab: string) {
  const event = { type: 'app_home_opened', user: bob, channel: 'D0BOB', tab, event_ts: '1700000000.1' };
  return { event, body: { type: 'event_callback', team_id: teamId, event } } as unknown as EventArgs<'app_home_opened'>;
}

describe('app_home_opened', () => {
  it('records the viewer and queues the publish of their Home', async () => {
    const services = await listenerServices(database);
    await homeOpened(services, opened('home'));
    const viewers = await database.db.select().from(homeViewersTable);
    expect(viewers.map((v) => [v.teamId, v.userId])).toEqual([[teamId, bob]]);
    const effects = await database.db.select().from(outboxTable);
    expect(effects.map((e) => [e.kind, e.payload])).toEqual([['home.publish', { userId: bob }]]);
  });

  it('does nothing for the Messages tab', async () => {
    const services = await listenerServices(database);
    await homeOpened(services, opened('messages'));
    expect(await database.db.select().from(homeViewersTable)).toEqual([]);
    expect(await database.db.select().from(outboxTable)).toEqual([]);
  });
});

describe('the Home tab’s Declare incident button', () => {
  it('opens the declare form on the click’s trigger', async () => {
    const services = await listenerServices(database);
    const fake = clickArgs({ userId: bob, actionId: ids.actions.homeDeclare, value: 'declare' });
    await onClick(services, 'home declare', homeDeclareClicked)(fake.args);
    const [open] = fake.client.callsTo('views.open');
    expect(open?.trigger_id).toBe(triggerId);
    expect((open?.view as { callback_id?: string } | undefined)?.callback_id).toBe(ids.views.declare);
  });

  it('refuses a click carrying another value, and says so', async () => {
    const services = await listenerServices(database);
    const fake = clickArgs({ userId: bob, actionId: ids.actions.homeDeclare, value: '12' });
    await onClick(services, 'home declare', homeDeclareClicked)(fake.args);
    expect(fake.client.callsTo('views.open')).toEqual([]);
    expect(fake.respond.messages).toHaveLength(1);
  });
});
