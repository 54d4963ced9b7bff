import { describe, expect, it } from 'vitest';
import { incidentRef } from '../../src/incidents/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { addToTimelineShortcut } from '../../src/slack/listeners/shortcuts/add-to-timeline-shortcut.ts';
import { onShortcut } from '../../src/slack/listeners/shortcuts/shortcut-support.ts';
import type { SlackServices } from '../../src/slack/services.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { declaredIncident, listenerServices, shortcutArgs, teamId } from '../support/fake-listener-args.ts';
import { alice, bob, general } from '../support/lifecycle.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const shortcut = (services: SlackServices) => onShortcut(services, 'add to timeline shortcut', addToTimelineShortcut);

describe('add to timeline shortcut', () => {
  it('says there is no open incident when there is none', async () => {
    const services = await listenerServices(database);
    const fake = shortcutArgs({
      userId: alice,
      callbackId: ids.shortcuts.addToTimeline,
      channelId: general,
      text: 'the cache is cold',
    });
    await shortcut(services)(fake.args);
    expect(fake.ack.responses).toHaveLength(1);
    expect(fake.respond.messages).toEqual([
      { response_type: 'ephemeral', text: services.copy.render('timeline.no_open_incident') },
    ]);
  });

  it("adds a message in an incident's channel to that incident's timeline", async () => {
    const services = await listenerServices(database);
    const incident = await declaredIncident(services, { declaredBy: alice, channelId: 'C0INC1' });
    const fake = shortcutArgs({
      userId: bob,
      callbackId: ids.shortcuts.addToTimeline,
      channelId: 'C0INC1',
      text: 'the cache is cold',
    });
    await shortcut(services)(fake.args);
    expect(fake.respond.messages.map((m) => m.text)).toEqual([
      services.copy.render('timeline.added_to_timeline', { ref: incidentRef(incident) }),
    ]);
    const timeline = await listTimeline(database.db, { teamId, incidentId: incident.id });
    expect(timeline.find((e) => e.kind === 'message')?.text).toBe('the cache is cold');
  });
});
