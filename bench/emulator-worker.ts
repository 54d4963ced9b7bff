/**
 * A Slack emulator in a thread of its own (see emulator-thread.ts): it answers the Web API on its own event
 * loop and keeps what Slack stores (every message, every call) in its own heap, so the main thread's heap
 * figures are Firebreak's.
 */

import { parentPort } from 'node:worker_threads';
import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import type { CallRecord, EmulatorCommand } from './emulator-thread.ts';

const port = parentPort;
if (!port) throw new Error('emulator-worker.ts runs as a worker thread (started by emulator-thread.ts)');
let emulator: Emulator | undefined;

function records(from: number): CallRecord[] {
  return (emulator?.calls.slice(from) ?? []).map((call) => ({
    method: call.method,
    ok: call.ok,
    status: call.status,
    at: call.at,
    ...(call.error ? { error: call.error } : {}),
    ...(typeof call.args.channel === 'string' ? { channel: call.args.channel } : {}),
  }));
}

port.on('message', async (command: EmulatorCommand) => {
  try {
    if (command.op === 'start') {
      emulator = await startEmulator(command.options);
      const { apiUrl, baseUrl, botToken, signingSecret, teamId } = emulator;
      port.postMessage({ id: command.id, result: { apiUrl, baseUrl, botToken, signingSecret, teamId } });
    } else if (command.op === 'addUsers') {
      for (const user of command.users) {
        emulator?.workspace.addUser(user);
        emulator?.workspace.openDirectMessage(user.id);
      }
      port.postMessage({ id: command.id, result: command.users.length });
    } else if (command.op === 'calls') {
      port.postMessage({ id: command.id, result: records(command.from) });
    } else {
      await emulator?.close();
      port.postMessage({ id: command.id, result: null });
    }
  } catch (error) {
    port.postMessage({ id: command.id, error: error instanceof Error ? error.message : String(error) });
  }
});
