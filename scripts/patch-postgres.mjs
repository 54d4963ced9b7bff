// Patches postgres.js 3.4.9 (the latest release) against a crash and a hang when a connection closes
// while a small write is still buffered: porsager/postgres#1154, #1208 (fixes proposed in #1168, #1176,
// #1209, none released). Without it, a PostgreSQL restart can throw
// "Cannot read properties of null (reading 'write')" from a setImmediate, which no caller can catch,
// and leave the pooled connection unable to flush again. Run by `npm install` / `npm ci` (postinstall);
// idempotent. When postgres.js changes, this stops the install with a message instead of guessing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const marker = '/* firebreak: guarded nextWrite */';
const root = fileURLToPath(new URL('../node_modules/postgres', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const edits = [
  {
    // A write scheduled before the socket closed settles its queries as closed instead of throwing.
    from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    to: `  function nextWrite(fn) {\n    ${marker}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  },
  {
    // Teardown forgets the cancelled timer and its buffer, so the reconnected socket can write again.
    from: '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    to: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {',
  },
  {
    from: '    clearImmediate(nextWriteTimer)\n    socket.removeListener(\'data\', data)',
    to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  },
];

for (const flavour of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, flavour, 'connection.js');
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue;
  }
  if (text.includes(marker)) continue;
  for (const { from, to } of edits) {
    if (!text.includes(from)) {
      console.error(`scripts/patch-postgres.mjs: postgres ${version} ${flavour}/connection.js has changed; check whether porsager/postgres#1208 is fixed there and update or remove this patch.`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
}
