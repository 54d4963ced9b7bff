import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../support/database.ts';

// The demo always runs on the embedded database, so one run (in the PGlite suite) proves it.
describe.runIf(testDatabaseKind === 'pglite')('npm run demo', () => {
  it('runs the scripted incidents to the end and shows what people see', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/run-demo.ts'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    expect(output).toMatch(/DM to @alice: :alarm_clock: A stakeholder update for INC-5 is due now/);
    expect(output.match(/:loudspeaker: \*INC-5 update\*/g)?.length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
