import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { installProcessGuards } from '../../src/platform/process-guards.ts';

describe('process guards', () => {
  it('log an uncaught exception and an unhandled rejection at error, with the cause, and return', () => {
    const lines: Array<{ level: number; msg: string; err?: { message: string } }> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const fakeProcess = new EventEmitter();
    installProcessGuards(pino({ level: 'info' }, sink), fakeProcess as never);
    fakeProcess.emit('unhandledRejection', new Error('a request went wrong'), Promise.resolve());
    fakeProcess.emit(
      'uncaughtException',
      new TypeError("Cannot read properties of null (reading 'ssl_check')"),
      'uncaughtException',
    );
    expect(lines.map((line) => [line.level, line.msg, line.err?.message])).toEqual([
      [50, 'unhandled rejection; still serving', 'a request went wrong'],
      [50, 'uncaught exception; still serving', "Cannot read properties of null (reading 'ssl_check')"],
    ]);
  });
});
