import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findIncidentByNumber } from '../../src/incidents/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness(
  {
    database: (d) => {
      database = d;
    },
    harness: (h) => {
      harness = h;
    },
    current: () => harness,
  },
  { emulatorClock: true },
);

const README_BASE = 'http://127.0.0.1:3001';

type Step = { method: 'GET' | 'POST'; url: string; body?: string; line: string };

/** The curl commands of the README's hand session, in the only two forms it uses. */
function readmeSession(): Step[] {
  const readme = readFileSync(new URL('../../packages/slack-emulator/README.md', import.meta.url), 'utf8');
  const section = /<!-- session:start -->([\s\S]*?)<!-- session:end -->/.exec(readme)?.[1];
  if (!section) throw new Error('README has no <!-- session:start --> … <!-- session:end --> section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('curl '))
    .map((line) => {
      const post = /^curl -s -XPOST (\S+) -d '([^']*)'$/.exec(line);
      if (post) return { method: 'POST', url: post[1] as string, body: post[2] as string, line };
      const get = /^curl -s (\S+)$/.exec(line);
      if (get) return { method: 'GET', url: get[1] as string, line };
      throw new Error(`README session line is not "curl -s URL" or "curl -s -XPOST URL -d 'JSON'": ${line}`);
    });
}

/** Runs one step against this test's emulator; waits for Firebreak to finish what it started. */
async function run(step: Step): Promise<{ status: number; text: string }> {
  const url = step.url.replace(README_BASE, harness.emulator.baseUrl);
  const response = await fetch(url, { method: step.method, ...(step.body ? { body: step.body } : {}) });
  const text = await response.text();
  // Moving the clock makes jobs due; the scheduler's poll would run them, this runs them now.
  if (step.url.endsWith('/clock') && step.method === 'POST') await harness.app.jobs.runDue();
  await harness.settle();
  return { status: response.status, text };
}

describe("the README's hand session", () => {
  it('declares, talks, changes severity and resolves an incident through the control API only', async () => {
    const answers: Array<{ line: string; status: number; text: string }> = [];
    for (const step of readmeSession()) answers.push({ line: step.line, ...(await run(step)) });
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    const answerTo = (fragment: string) => answers.filter((answer) => answer.line.includes(fragment));

    const incident = await findIncidentByNumber(database.db, { teamId: harness.emulator.teamId, number: 1 });
    expect(incident).toMatchObject({ status: 'resolved', severity: 'sev1', title: 'Checkout slow' });

    const channel = harness.emulator.workspace.channelByName('inc-1-checkout-slow');
    expect(channel?.topic.value).toBe('SEV1 · Resolved · IC: alice · Checkout slow');
    const finalRender = answerTo('render/inc-1-checkout-slow').at(-1)?.text ?? '';
    expect(finalRender).toMatch(/\*Severity\* SEV1 \| \*Status\* Resolved/);
    expect(finalRender).toContain('[Resolved ▾]');
    expect(finalRender).toContain('bob: p99 is 4s since the 14:02 deploy of checkout-api');
    expect(finalRender).toMatch(/📌 pinned {2}:eyes: 1/);
    expect(finalRender).toContain('↳ [');
    expect(finalRender).toContain('alice: rolling it back');

    const [aliceEphemerals] = answerTo('ephemerals/alice').map((answer) => JSON.parse(answer.text));
    expect(aliceEphemerals).toContainEqual(
      expect.objectContaining({ channel: '#general', text: expect.stringContaining('INC-1 declared') }),
    );
    const bobEphemerals = JSON.parse(answerTo('ephemerals/bob')[0]?.text ?? '[]');
    expect(bobEphemerals).toEqual([
      expect.objectContaining({ channel: '#inc-1-checkout-slow', via: 'ack', text: expect.stringContaining('INC-1') }),
    ]);

    const form = JSON.parse(answerTo('form/alice')[0]?.text ?? '{}');
    expect(form).toMatchObject({ title: 'Change severity', submit: 'Change' });
    expect(form.fields.map((field: { label: string }) => field.label)).toEqual(['New severity', 'Why?']);

    expect(answerTo('dms/alice')[0]?.text).toMatch(/update for INC-1 is due now/);

    const [refused, accepted] = answerTo('/submit')
      .slice(1)
      .map((answer) => JSON.parse(answer.text));
    expect(refused).toMatchObject({ outcome: 'errors', errors: { 'Which change?': expect.any(String) } });
    expect(accepted).toMatchObject({ outcome: 'closed', modal: null });
  });

  it('nudges for the stakeholder update once the emulator clock is moved past the cadence', async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${harness.emulator.baseUrl}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
    await control('command', { user: 'alice', channel: '#general', text: 'declare sev0 Payments down' });
    await harness.settle();
    const channel = harness.emulator.workspace.channels().find((c) => c.name.startsWith('inc-1-'));
    const nudges = () =>
      harness.emulator.workspace.messages(channel?.id ?? '').filter((m) => /update for INC-1 is due now/.test(m.text));
    expect(nudges()).toEqual([]);
    const moved = await control('clock', { advance: '20m' });
    expect(await moved.json()).toMatchObject({ offsetMs: 20 * 60_000 });
    // The scheduler's own poll, on the app's clock that follows the emulator's, sends it.
    await eventually(() => nudges().length === 1);
    await harness.settle();
    expect(nudges()).toHaveLength(1);
  });
});
