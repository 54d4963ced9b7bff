import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './firebreak-process.ts';

const run = promisify(execFile);
const binDir = process.env.FIREBREAK_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type OwnPostgres = {
  /** postgres://… of the instance's `postgres` database (trust auth on 127.0.0.1). */
  url: string;
  port: number;
  /** Stops the server at once (`pg_ctl stop -m fast`): open connections are cut, new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
};

/**
 * A throw-away PostgreSQL server of its own (initdb into a temporary directory, a free port), for tests and
 * chaos scenarios that stop and start the database under a running app without disturbing anyone else's.
 * PostgreSQL refuses to run as root, so the server runs as the `postgres` OS user, in a directory it owns.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-pg-'));
  await chmod(dir, 0o777);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const asPostgres = (command: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', join(binDir, command), ...args], { cwd: dir });
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
  const start = async () =>
    void (await asPostgres('pg_ctl', ['start', '-w', '-D', dataDir, '-l', join(dir, 'log'), '-o', options]));
  const stop = async () => void (await asPostgres('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]));
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    async destroy() {
      await stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
