import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A real Firebreak process, started the way `npm start` starts it. */
export type FirebreakProcess = {
  child: ChildProcess;
  /** Its stdout and stderr so far (the tail is shown when a scenario fails). */
  output(): string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | string | null>;
  /** SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
};

/** What every process started by this run wrote, checked for the secrets it was given (see `secretsSeen`). */
const logWatch = { processes: 0, bytes: 0, leaks: new Set<string>() };

/** How many processes and log bytes were watched, and the env variables whose secret value showed up in a log. */
export function secretsSeen(): { processes: number; bytes: number; leaked: string[] } {
  return { processes: logWatch.processes, bytes: logWatch.bytes, leaked: [...logWatch.leaks].sort() };
}

/** What a Firebreak process needs to talk to this emulator as its Slack, on this database and port. */
export function firebreakEnv(
  slack: { botToken: string; signingSecret: string; apiUrl: string },
  databaseUrl: string,
  port: number,
  more: { LOG_LEVEL?: string } & Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    // Info and up: what an operator would see, and what the secrets check reads.
    LOG_LEVEL: 'info',
    ...more,
  };
}

/** Spawns `node --import tsx src/main.ts` with only PATH and `env` (no ambient configuration leaks in). */
export function startFirebreak(env: Record<string, string>): FirebreakProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const watch = secretWatcher(env, (name) => logWatch.leaks.add(name));
  logWatch.processes += 1;
  // Bounded: a long run must not hold every log line in memory.
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    logWatch.bytes += chunk.length;
    watch(text);
    output = (output + text).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    output: () => output,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Checks each chunk of a process's output for the secret values it was started with (tokens, signing
 * secrets, passwords in a database URL), carrying a tail over so a secret split across chunks is found.
 */
export function secretWatcher(env: Record<string, string>, onLeak: (name: string) => void): (text: string) => void {
  const secrets = Object.entries(env).flatMap(([name, value]): Array<[string, string]> => {
    if (/TOKEN|SECRET/.test(name) && value.length >= 8) return [[name, value]];
    const password = /^postgres(?:ql)?:\/\/[^:/@]+:([^@]{4,})@/.exec(value)?.[1];
    return password ? [[name, password]] : [];
  });
  const longest = Math.max(0, ...secrets.map(([, value]) => value.length));
  let carried = '';
  return (text) => {
    const window = carried + text;
    for (const [name, value] of secrets) if (window.includes(value)) onLeak(name);
    carried = window.slice(-longest);
  };
}

/** Waits until GET /readyz answers 200 (database reachable, migrations applied), or throws with the process's output. */
export async function waitUntilReady(firebreak: FirebreakProcess, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | null | undefined;
  void firebreak.exited.then((code) => (exitedWith = code));
  while (Date.now() < deadline) {
    if (exitedWith !== undefined)
      throw new Error(`Firebreak exited (${exitedWith}) before it was ready:\n${firebreak.output().slice(-2000)}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Firebreak not ready ${timeoutMs} ms after start:\n${firebreak.output().slice(-2000)}`);
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
