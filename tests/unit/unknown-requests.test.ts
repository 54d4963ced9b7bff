import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadCopy } from '../../src/platform/copy.ts';
import { ignoreUnknownRequests } from '../../src/slack/unknown-requests.ts';

const copy = await loadCopy();

function capturingLogger() {
  const lines: Array<{ level: number; kind: string; id: string; msg: string }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('requests no listener takes', () => {
  it('acknowledges every one and warns once per kind and id', async () => {
    const { logger, lines } = capturingLogger();
    const ignore = ignoreUnknownRequests(logger, copy);
    let acks = 0;
    const ack = async () => void acks++;
    for (const request of [
      { kind: 'block_actions', id: 'a' },
      { kind: 'block_actions', id: 'a' },
      { kind: 'view_submission', id: 'a' },
      { kind: 'block_actions', id: 'b' },
    ])
      await ignore(request, { ack });
    expect(acks).toBe(4);
    expect(lines.map((line) => [line.level, line.kind, line.id])).toEqual([
      [40, 'block_actions', 'a'],
      [40, 'view_submission', 'a'],
      [40, 'block_actions', 'b'],
    ]);
  });

  it('stops remembering and logging new ids past a thousand, saying so once', async () => {
    const { logger, lines } = capturingLogger();
    const ignore = ignoreUnknownRequests(logger, copy);
    for (let i = 0; i < 1500; i++) await ignore({ kind: 'block_actions', id: `forged.${i}` }, { ack: async () => {} });
    expect(lines).toHaveLength(1001);
    expect(lines.at(-1)?.msg).toMatch(/too many distinct ids/);
  });
});
