import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnPostgres, startOwnPostgres } from '../../chaos/own-postgres.ts';
import { listIncidents } from '../../src/incidents/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { type TestDatabase, testDatabaseKind } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { openOwnDatabase } from '../support/own-postgres.ts';

// Stopping a database under a running app needs a server of the test's own; PGlite runs in the process.
const onPostgres = testDatabaseKind === 'postgres';
const alice = 'U0ALICE';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const saidAnswer = /^:memo: Noted at .*: (outage note \d+)$/;
const notSaved = 'Firebreak cannot reach its database; nothing was saved, try again in a minute';
const savedLate = 'Saved, but Firebreak answered late: don';
const heldAnswers = [
  'cannot tell yet whether it was saved',
  'Saved. Firebreak is slow to answer',
  "Saved, but Firebreak's database went away while handling it",
  'nothing was lost: we will retry',
];

type CommandRun = { text: string; status: number; ms: number; answer: string; responseUrl: string | undefined };

describe.skipIf(!onPostgres)(
  'when PostgreSQL goes away for ten seconds under a running app (PostgreSQL only: PGlite cannot be stopped under the app)',
  () => {
    let server: OwnPostgres;
    let database: TestDatabase;
    let harness: Harness;
    const logLines: string[] = [];
    const logSink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });

    beforeAll(async () => {
      server = await startOwnPostgres();
      database = await openOwnDatabase(server);
      // A short lease, so the requests the outage left half-done are taken over within the test.
      harness = await startHarness(database, {
        rateLimits: false,
        inboxLeaseSeconds: 3,
        inboxReplayMs: 200,
        logger: pino({ level: 'warn' }, logSink),
      });
    });
    afterAll(async () => {
      await harness?.stop();
      await database?.destroy();
      await server?.destroy();
    });

    it('loses nothing, doubles nothing, answers every command truthfully in time and every probe within a second', async () => {
      const { emulator } = harness;
      await emulator.slashCommand({
        userId: alice,
        channelId: 'C0GENERAL',
        text: 'declare sev2 Database outage drill',
      });
      await harness.settle();
      const [incident] = await listIncidents(database.db, { teamId: emulator.teamId });
      const channelId = incident!.channelId!;

      // Notes take 0.6 s to write, so the outage catches some stored and mid-way: their handling fails with it.
      await database.db.execute(
        sql.raw(`CREATE FUNCTION slow_note() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.text LIKE 'outage note%' THEN PERFORM pg_sleep(0.6); END IF; RETURN NEW; END $$`),
      );
      await database.db.execute(
        sql.raw('CREATE TRIGGER slow_note BEFORE INSERT ON timeline_entries FOR EACH ROW EXECUTE FUNCTION slow_note()'),
      );

      const events: Array<Promise<void>> = [];
      const commands: Array<Promise<CommandRun>> = [];
      const probes: Array<Promise<{ status: number; ms: number }>> = [];
      let acknowledgedEvents = 0;
      // Slack retries an event that was not acknowledged (compressed in time here: every 1.5 s until it is).
      const sendEvent = async (i: number) => {
        const event = {
          type: 'message',
          channel: channelId,
          channel_type: 'channel',
          user: alice,
          ts: `1700002000.${String(i).padStart(6, '0')}`,
          text: `outage message ${i}`,
        };
        for (let attempt = 0; ; attempt++) {
          const answer = await emulator.event(event, {
            eventId: `EvOUT${i}`,
            ...(attempt > 0 ? { retryNum: Math.min(attempt, 3), retryReason: 'http_error' } : {}),
          });
          if (answer.status === 200) break;
          await sleep(1500);
        }
        acknowledgedEvents += 1;
      };
      const sendCommand = async (i: number): Promise<CommandRun> => {
        const text = `outage note ${i}`;
        const answer = await emulator.slashCommand({ userId: alice, channelId, text: `note ${text}` });
        return {
          text,
          status: answer.status,
          ms: answer.ms,
          answer: String(answer.json?.text ?? answer.body),
          responseUrl: answer.responseUrl,
        };
      };
      const probe = async () => {
        const started = performance.now();
        try {
          const response = await fetch(`http://127.0.0.1:${harness.port}/readyz`, {
            signal: AbortSignal.timeout(5000),
          });
          await response.text();
          return { status: response.status, ms: performance.now() - started };
        } catch {
          // No answer at all (a load balancer would count the replica dead).
          return { status: 0, ms: performance.now() - started };
        }
      };

      let load = true;
      const loading = (async () => {
        for (let tick = 0; load; tick++) {
          events.push(sendEvent(tick));
          if (tick % 4 === 0) commands.push(sendCommand(tick / 4));
          if (tick % 3 === 0) probes.push(probe());
          await sleep(100);
        }
      })();
      await sleep(1500);
      await server.stop();
      await sleep(10_000);
      await server.start();
      await sleep(2500);
      load = false;
      await loading;
      await Promise.all(events);
      const runs = await Promise.all(commands);
      const readiness = await Promise.all(probes);

      // Everything the outage left half-done is finished by the continuous replay, without a restart.
      await eventually(
        async () =>
          (
            await queryRows<{ n: number }>(
              database.db,
              sql`SELECT count(*)::int AS n FROM inbox WHERE handled_at IS NULL`,
            )
          )[0]?.n === 0,
        30_000,
      );
      const onTimeline = new Map(
        (
          await queryRows<{ text: string; n: number }>(
            database.db,
            sql`SELECT text, count(*)::int AS n FROM timeline_entries WHERE incident_id = ${incident!.id} GROUP BY text`,
          )
        ).map((row) => [row.text, row.n]),
      );
      const lateAnswers = (run: CommandRun) =>
        emulator.workspace.responseLog
          .filter((entry: { url: string | null }) => entry.url === run.responseUrl)
          .map((entry: { text?: string }) => entry.text ?? '');

      // Messages: every acknowledged event on the timeline exactly once.
      expect(acknowledgedEvents).toBe(events.length);
      for (let i = 0; i < events.length; i++)
        expect(onTimeline.get(`outage message ${i}`), `outage message ${i}`).toBe(1);

      // Commands: answered within Slack's 3 s, and what the person was told is what happened.
      const outcomes = { saved: 0, notSaved: 0, savedLate: 0 };
      for (const run of runs) {
        expect(run.status, run.text).toBe(200);
        expect(run.ms, run.text).toBeLessThan(3000);
        const stored = onTimeline.get(run.text) ?? 0;
        expect(stored, run.text).toBeLessThanOrEqual(1);
        if (saidAnswer.test(run.answer)) {
          expect(stored, run.text).toBe(1);
          outcomes.saved += 1;
        } else if (run.answer.includes(notSaved)) {
          expect(stored, run.text).toBe(0);
          expect(
            lateAnswers(run).some((text) => text.includes(savedLate)),
            run.text,
          ).toBe(false);
          outcomes.notSaved += 1;
        } else {
          expect(
            heldAnswers.some((held) => run.answer.includes(held)),
            `${run.text}: ${run.answer}`,
          ).toBe(true);
          // The outcome follows through response_url: saved (and on the timeline once) or not saved (and not there).
          const final = await eventually(
            () => lateAnswers(run).find((text) => text.includes(savedLate) || text.includes(notSaved)),
            15_000,
          );
          expect(stored, `${run.text}: ${final}`).toBe(final.includes(savedLate) ? 1 : 0);
          outcomes.savedLate += final.includes(savedLate) ? 1 : 0;
        }
      }
      // The load really ran into the outage: some commands could not be saved, most were.
      expect(outcomes.notSaved + outcomes.savedLate).toBeGreaterThan(0);
      expect(outcomes.saved).toBeGreaterThan(0);

      // Readiness: every probe answered (ready or not) within about a second of wall time.
      for (const answer of readiness) expect(answer.ms).toBeLessThan(1200);
      expect(readiness.some((answer) => answer.status === 503)).toBe(true);
      expect(readiness.at(-1)?.status).toBe(200);
    }, 60_000);

    it('answers an event it cannot store with a 500 and logs it once as not stored, not as a missing ack()', async () => {
      const from = logLines.length;
      await server.stop();
      try {
        const answer = await harness.emulator.event(
          { type: 'message', channel: 'C0GENERAL', user: alice, ts: '1700003000.000001', text: 'while down' },
          { eventId: 'EvOUTLOG1' },
        );
        expect(answer.status).toBe(500);
        // Bolt's no-ack timer fires 3 s after the request: wait it out.
        await sleep(3500);
      } finally {
        await server.start();
      }
      const lines = logLines.slice(from).join('');
      expect(lines.match(/request not stored: answered 500 so that Slack retries it/g)).toHaveLength(1);
      expect(lines).toMatch(/"cause":"request not stored: (ECONNREFUSED|CONNECTION_\w+|57P\d\d)/);
      expect(lines).not.toContain('not acknowledged within 3 seconds');
      expect(lines).not.toContain('An unhandled error occurred');
    }, 30_000);
  },
);
