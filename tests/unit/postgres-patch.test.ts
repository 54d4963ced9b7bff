import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// scripts/patch-postgres.mjs runs on every install; without it a PostgreSQL restart can crash the
// process from inside postgres.js (porsager/postgres#1208). Each build flavour must carry the guard.
describe('the installed postgres.js', () => {
  for (const flavour of ['src', 'cjs/src', 'cf/src']) {
    it(`guards nextWrite against a closed socket (${flavour})`, () => {
      const source = readFileSync(`node_modules/postgres/${flavour}/connection.js`, 'utf8');
      expect(source).toContain('/* firebreak: guarded nextWrite */');
      // terminate() and closed() forget the timer and buffer they cancel.
      expect(source.match(/\n {4}clearImmediate\(nextWriteTimer\)\n {4}chunk = nextWriteTimer = null/g)).toHaveLength(
        2,
      );
    });
  }
});
