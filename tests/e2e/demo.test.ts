import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../support/database.ts';

// The demo always runs on the embedded database, so one run (in the PGlite suite) proves it.
describe.runIf(testDatabaseKind === 'pglite')('npm run demo', () => {
  it('runs the scripted incidents to the end and shows what people see', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/run-demo.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).toContain('Demo finished');
    expect(code).toBe(0);
    expect(output).toContain('#inc-1-checkout-errors-spiking');
    expect(output).toContain('INC-1 declared* · SEV1 · Checkout errors spiking');
    expect(output).toContain('#inc-3-suspicious-admin-logins (private)');
    expect(output).toContain('conversations.create calls: lost, name_taken');
    expect(output).toContain('*Runbook: Primary database failover* · 6/6 steps · completed');
    // The timeline scene: versions, deletes, key moments, redaction, notes and the export.
    expect(output).toMatch(
      /thread reply: :lock: I stored this message on the incident timeline with secrets removed \(slack token\)/,
    );
    expect(output).toMatch(/Key moments 1–\d+ of \d+ · times in UTC/);
    expect(output).toMatch(/Files in #inc-1-checkout-errors-spiking: inc-1-timeline-\d+\.md, inc-1-timeline-\d+\.csv/);
    expect(output).toContain(
      '_message_ · bob: Rolling back payments-api to v41 (approved by @alice)\n      - earlier version: Rolling back payments-api to v41',
    );
    expect(output).toContain('~~deleted~~ _message_ · carol: lunch order is in #random');
    expect(output).toContain('_message_ · bob: admin API works with [REDACTED]');
    expect(output).toContain('★ _decision_ · alice: roll back payments-api to v41 rather than hotfix forward');
    expect(output).toContain('_announced_ · firebreak: Announced in #incidents');
    expect(output).toMatch(/DM to @alice: :alarm_clock: A stakeholder update for INC-5 is due now/);
    expect(output.match(/:loudspeaker: \*INC-5 update\*/g)?.length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
