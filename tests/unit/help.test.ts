import { describe, expect, it } from 'vitest';
import { loadCopy } from '../../src/platform/copy.ts';
import { subcommands } from '../../src/slack/listeners/commands/incident-command.ts';

describe('/incident help', () => {
  it('has a help line with an example for every subcommand', async () => {
    const copy = await loadCopy();
    for (const name of Object.keys(subcommands)) {
      expect(copy.render(`help.commands.${name}`), name).toContain(`/incident ${name}`);
    }
  });
});
