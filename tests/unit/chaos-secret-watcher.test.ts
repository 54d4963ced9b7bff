import { describe, expect, it } from 'vitest';
import { secretWatcher } from '../../chaos/firebreak-process.ts';

// The chaos suite checks every byte its Firebreak processes log for the secrets they were started with.
const env = {
  SLACK_BOT_TOKEN: `xoxb-${'1'.repeat(12)}-abcdefghij`,
  SLACK_SIGNING_SECRET: 'f'.repeat(32),
  DATABASE_URL: 'postgres://firebreak:s3cret-pw@db:5432/firebreak',
  PORT: '3000',
};

function leaksIn(chunks: string[]): string[] {
  const leaked = new Set<string>();
  const watch = secretWatcher(env, (name) => leaked.add(name));
  for (const chunk of chunks) watch(chunk);
  return [...leaked].sort();
}

describe('the chaos suite watching logs for secrets', () => {
  it('finds nothing in ordinary lines, the port included', () => {
    expect(leaksIn(['{"level":30,"msg":"listening on 3000"}\n', 'xoxb-[redacted]\n'])).toEqual([]);
  });

  it('names each variable whose value appears, also split across chunks', () => {
    const token = env.SLACK_BOT_TOKEN;
    expect(leaksIn([`a ${token.slice(0, 9)}`, `${token.slice(9)} b`, 'url has s3cret-pw in it'])).toEqual([
      'DATABASE_URL',
      'SLACK_BOT_TOKEN',
    ]);
    expect(leaksIn(['sig ', env.SLACK_SIGNING_SECRET])).toEqual(['SLACK_SIGNING_SECRET']);
  });
});
