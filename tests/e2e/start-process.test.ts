import { type ChildProcess, spawn } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';

// `npm start` runs exactly this: TypeScript through tsx, no build step.
function startProcess(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** A port nothing listens on now: a random one could be taken by another test file's server (or, worse, answer for it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const tokens = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-secret' };

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A fresh folder for this test's files, removed after it. */
async function scratch(): Promise<string> {
  dataDir = await mkdtemp(join(tmpdir(), 'firebreak-'));
  return dataDir;
}

let emulator: Emulator | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await emulator?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('stops with one clear line per environment problem, never the value', async () => {
    const started = startProcess({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret-1234', PORT: 'http' });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split('\n');
    expect(lines[0]).toBe('Firebreak cannot start:');
    expect(lines.slice(1)).toEqual([
      '  - SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
      '  - SLACK_SIGNING_SECRET is required (Basic Information → Signing Secret)',
      '  - PORT must be a port number',
    ]);
    expect(started.output()).not.toContain('xoxp-user-token-secret-1234');
  });

  it('stops with file, line and field for a broken firebreak.yml', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-'));
    const configPath = join(dataDir, 'firebreak.yml');
    await import('node:fs/promises').then((fs) => fs.writeFile(configPath, 'reminders:\n  role_nudge_minutes: -5\n'));
    const started = startProcess({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret-secret',
      FIREBREAK_CONFIG: configPath,
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(`${configPath}:2: reminders.role_nudge_minutes:`);
  });

  it('stops at a misspelt firebreak.yml key with its line and the nearest key, before the database is touched', async () => {
    const dir = await scratch();
    const configPath = join(dir, 'firebreak.yml');
    await writeFile(configPath, 'channels:\n  anouncement: "#ops"\n');
    const started = startProcess({ ...tokens, FIREBREAK_CONFIG: configPath, FIREBREAK_DATA_DIR: join(dir, 'db') });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(
      `${configPath}:2: channels.anouncement: is not a known key; did you mean "announcement"?`,
    );
    expect(await exists(join(dir, 'db'))).toBe(false);
  }, 20_000);

  it('stops at a runbook naming a severity the configuration lacks, before the database is touched', async () => {
    const dir = await scratch();
    const configPath = join(dir, 'firebreak.yml');
    await writeFile(configPath, 'severities:\n  - name: high\ndefault_severity: high\n');
    const started = startProcess({ ...tokens, FIREBREAK_CONFIG: configPath, FIREBREAK_DATA_DIR: join(dir, 'db') });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(
      /templates\/runbooks\/[a-z0-9-]+\.yml:\d+: applies_to\.severities\.0: "sev\d" is not a severity \(known: high\)/,
    );
    expect(await exists(join(dir, 'db'))).toBe(false);
  }, 20_000);

  it('stops at a postmortem template with an unknown variable, naming file and line, before the database is touched', async () => {
    const dir = await scratch();
    const configPath = join(dir, 'firebreak.yml');
    const templatePath = join(dir, 'postmortem.md.liquid');
    await writeFile(templatePath, '# {{ ref }}\n\n## Summary\n{{ sumary }}\n');
    await writeFile(configPath, `postmortem:\n  template: ${templatePath}\n`);
    const started = startProcess({ ...tokens, FIREBREAK_CONFIG: configPath, FIREBREAK_DATA_DIR: join(dir, 'db') });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(`${templatePath}:4: postmortem template: unknown variable "sumary"`);
    expect(await exists(join(dir, 'db'))).toBe(false);
  }, 20_000);

  it('stops at once, naming FIREBREAK_DATA_DIR and its path, when the data folder cannot be created', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a-file'), '');
    const started = startProcess({ ...tokens, FIREBREAK_DATA_DIR: join(dir, 'a-file', 'db') });
    expect(await started.exited).toBe(1);
    expect(started.output().trim()).toBe(
      `Firebreak cannot start: FIREBREAK_DATA_DIR ${join(dir, 'a-file', 'db')} cannot be created (ENOTDIR)`,
    );
  }, 20_000);

  it('names DATABASE_URL, and never its password, when the database cannot be reached', async () => {
    const port = await freePort();
    const started = startProcess({
      ...tokens,
      DATABASE_URL: `postgres://firebreak:hunter2-secret@127.0.0.1:${port}/firebreak`,
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(
      `Firebreak cannot start: cannot reach the database at DATABASE_URL 127.0.0.1:${port}/firebreak (ECONNREFUSED)`,
    );
    expect(started.output()).not.toContain('hunter2-secret');
  }, 20_000);

  it('names SLACK_API_URL and the cause when Slack cannot be reached', async () => {
    const port = await freePort();
    const started = startProcess({
      ...tokens,
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      FIREBREAK_DATA_DIR: 'memory://',
      LOG_LEVEL: 'silent',
    });
    expect(await started.exited).toBe(1);
    expect(started.output().trim()).toBe(
      `Firebreak cannot start: cannot reach Slack at SLACK_API_URL http://127.0.0.1:${port}/api/ (ECONNREFUSED): check SLACK_API_URL and the network`,
    );
  }, 30_000);

  it('says to check SLACK_BOT_TOKEN, without showing it, when Slack refuses it', async () => {
    emulator = await startEmulator({ rateLimits: false });
    const started = startProcess({
      SLACK_BOT_TOKEN: 'xoxb-not-the-right-token-4321',
      SLACK_SIGNING_SECRET: emulator.signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      FIREBREAK_DATA_DIR: 'memory://',
      LOG_LEVEL: 'silent',
    });
    expect(await started.exited).toBe(1);
    expect(started.output().trim()).toBe(
      'Firebreak cannot start: Slack refused the bot token (invalid_auth): check SLACK_BOT_TOKEN',
    );
  }, 30_000);

  it('names the port and PORT when the port is already in use', async () => {
    emulator = await startEmulator({ rateLimits: false });
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const started = startProcess({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        FIREBREAK_DATA_DIR: 'memory://',
        PORT: String(port),
        LOG_LEVEL: 'silent',
      });
      expect(await started.exited).toBe(1);
      expect(started.output().trim()).toBe(
        `Firebreak cannot start: port ${port} is already in use: set PORT to a free port or stop what holds it`,
      );
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 30_000);

  it("follows the emulator's clock with FIREBREAK_CLOCK=emulator, so requests signed after moving it are accepted", async () => {
    emulator = await startEmulator({ rateLimits: false });
    const port = await freePort();
    const started = startProcess({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: emulator.signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      FIREBREAK_DATA_DIR: 'memory://',
      FIREBREAK_CLOCK: 'emulator',
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 60_000);
      expect(started.output()).toContain("following the Slack emulator's clock");
      emulator.appUrl = `http://127.0.0.1:${port}/slack/events`;
      emulator.clock.advance(20 * 60_000);
      // Outside the 5-minute window of the system clock; accepted once Firebreak's poll has read the move.
      const accepted = await eventually(async () => {
        const reply = await emulator?.slashCommand({
          userId: 'U0ALICE',
          channelId: 'C0GENERAL',
          text: 'declare sev2 Later',
        });
        return reply?.status === 200;
      }, 15_000);
      expect(accepted).toBe(true);
      await eventually(() => emulator?.workspace.channelByName('inc-1-later'), 15_000);
    } finally {
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    }
  }, 120_000);

  it('stops naming the URL when FIREBREAK_CLOCK=emulator and the emulator does not answer', async () => {
    const port = await freePort();
    const started = startProcess({
      ...tokens,
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      FIREBREAK_DATA_DIR: 'memory://',
      FIREBREAK_CLOCK: 'emulator',
      LOG_LEVEL: 'silent',
    });
    expect(await started.exited).toBe(1);
    expect(started.output().trim()).toMatch(
      `Firebreak cannot start: FIREBREAK_CLOCK=emulator: cannot read the emulator's clock at http://127.0.0.1:${port}/_emulator/clock`,
    );
  }, 30_000);

  it('serves on the embedded database with nothing else installed, and stops on SIGTERM', async () => {
    emulator = await startEmulator({ rateLimits: false });
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-'));
    const port = await freePort();
    const started = startProcess({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: emulator.signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      FIREBREAK_DATA_DIR: join(dataDir, 'db'),
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    try {
      const ready = await eventually(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
        60_000,
      );
      expect(ready).toBe(true);
      emulator.appUrl = `http://127.0.0.1:${port}/slack/events`;
      await emulator.slashCommand({
        userId: 'U0ALICE',
        channelId: 'C0GENERAL',
        text: 'declare sev2 Started by npm start',
      });
      await eventually(() => emulator?.workspace.channelByName('inc-1-started-by-npm-start'), 15_000);
      expect(started.output()).toContain('Firebreak is listening');
      expect(started.output()).not.toContain(emulator.botToken);
    } finally {
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    }
  }, 120_000);
});
