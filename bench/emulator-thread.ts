import { Worker } from 'node:worker_threads';
import type { EmulatorOptions } from '@firebreak/slack-emulator';

/** One Web API call as the emulator logged it, reduced to what crosses threads cheaply. */
export type CallRecord = { method: string; ok: boolean; status: number; at: number; error?: string; channel?: string };

/** Where the emulator listens and how Firebreak authenticates to it (what `startFirebreak` needs). */
export type EmulatorEndpoint = {
  apiUrl: string;
  baseUrl: string;
  botToken: string;
  signingSecret: string;
  teamId: string;
};

/** A workspace member to add, with their DM with the bot opened. */
export type NewMember = { id: string; name: string; tz: string };

export type EmulatorCommand =
  | { id: number; op: 'start'; options: Omit<EmulatorOptions, 'clock'> }
  | { id: number; op: 'addUsers'; users: NewMember[] }
  | { id: number; op: 'calls'; from: number }
  | { id: number; op: 'close' };

// Omit distributed over the union, so each command keeps its own fields.
type Request = EmulatorCommand extends infer C ? (C extends EmulatorCommand ? Omit<C, 'id'> : never) : never;
type Reply = { id: number; result?: unknown; error?: string };

/**
 * A Slack emulator in a worker thread: Slack is not in the app's process, and what it stores (every DM and
 * every call) would otherwise sit in the heap whose peak the bench reports as Firebreak's.
 */
export class EmulatorThread {
  private readonly worker = new Worker(new URL('./emulator-worker.mjs', import.meta.url));
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private nextId = 0;
  private started: EmulatorEndpoint | undefined;

  private constructor() {
    this.worker.on('message', (reply: Reply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    this.worker.on('error', (error) => {
      for (const resolve of this.waiting.values())
        resolve({ id: -1, error: `emulator thread crashed: ${error.message}` });
      this.waiting.clear();
    });
  }

  /** Starts the thread and its emulator (options as `startEmulator` takes them, but the clock). */
  static async start(options: Omit<EmulatorOptions, 'clock'>): Promise<EmulatorThread> {
    const thread = new EmulatorThread();
    try {
      thread.started = (await thread.call({ op: 'start', options })) as EmulatorEndpoint;
    } catch (error) {
      await thread.worker.terminate();
      throw error;
    }
    return thread;
  }

  get endpoint(): EmulatorEndpoint {
    if (!this.started) throw new Error('emulator thread not started');
    return this.started;
  }

  /** Adds workspace members, each with their DM with the bot open. */
  async addUsers(users: NewMember[]): Promise<void> {
    await this.call({ op: 'addUsers', users });
  }

  /** The Web API calls logged from index `from` on, in order. */
  async calls(from = 0): Promise<CallRecord[]> {
    return (await this.call({ op: 'calls', from })) as CallRecord[];
  }

  /** Stops the emulator's server and the thread. */
  async close(): Promise<void> {
    await this.call({ op: 'close' }).catch(() => {});
    await this.worker.terminate();
  }

  private async call(command: Request): Promise<unknown> {
    const id = ++this.nextId;
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...command, id });
    });
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply.result;
  }
}
