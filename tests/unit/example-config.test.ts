import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfigInput } from '../../src/config/defaults.ts';
import { firebreakConfigSchema } from '../../src/config/firebreak-config.ts';
import { parseConfigText } from '../../src/config/load-config.ts';

describe('firebreak.example.yml', () => {
  it('is valid and documents the built-in defaults', () => {
    const example = parseConfigText(readFileSync('firebreak.example.yml', 'utf8'), 'firebreak.example.yml');
    const defaults = firebreakConfigSchema.parse(defaultConfigInput);
    const withoutEscalation = (config: typeof example) => ({
      ...config,
      severities: config.severities.map((s) => ({ ...s, escalation: [] })),
    });
    expect(withoutEscalation(example)).toEqual(withoutEscalation(defaults));
  });
});
