import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { nearestWord } from '../../src/config/nearest-word.ts';
import {
  channelNameCandidate,
  channelNameFor,
  findSeverity,
  missingRoles,
  parseServices,
  requireTitle,
  slugify,
} from '../../src/incidents/index.ts';
import { splitSubcommand } from '../../src/slack/parse/command-text.ts';
import { parseDeclareArgs } from '../../src/slack/parse/declare-args.ts';

const config = await loadConfig(undefined);
const validName = /^[a-z0-9_-]{1,80}$/;

describe('severity aliases', () => {
  it.each(['SEV1', 'sev1', 'P1', 'p1', '1', 'Sev 1', 'sev-1', 'major'])('%s is sev1', (input) => {
    expect(findSeverity(config, input)?.name).toBe('sev1');
  });
  it('does not know sev7', () => {
    expect(findSeverity(config, 'sev7')).toBeUndefined();
  });
});

describe('channel names', () => {
  const date = new Date('2026-11-25T10:00:00Z');
  it('follows the default pattern', () => {
    expect(
      channelNameFor('inc-{{number}}-{{slug}}', {
        number: 12,
        title: 'Checkout errors spiking!',
        severity: 'sev1',
        date,
      }),
    ).toBe('inc-12-checkout-errors-spiking');
  });
  it('strips accents, emoji and punctuation', () => {
    const name = channelNameFor('inc-{{number}}-{{slug}}', {
      number: 3,
      title: 'Café 🔥 API: 50% 5xx — données',
      severity: 'sev1',
      date,
    });
    expect(name).toBe('inc-3-cafe-api-50-5xx-donnees');
  });
  it('stays within 80 characters with room for a suffix, cut at a word', () => {
    const name = channelNameFor('inc-{{number}}-{{slug}}', {
      number: 123456,
      title: 'word '.repeat(40),
      severity: 'sev1',
      date,
    });
    expect(name.length).toBeLessThanOrEqual(76);
    expect(name).toMatch(validName);
    expect(name.endsWith('-word')).toBe(true);
    expect(channelNameCandidate(name, 12)).toMatch(validName);
  });
  it('supports severity and date placeholders and sanitises the pattern', () => {
    expect(
      channelNameFor('Incident_{{date}}_{{severity}}_{{slug}}', {
        number: 1,
        title: 'DB down',
        severity: 'sev0',
        date,
      }),
    ).toBe('incident_2026-11-25_sev0_db-down');
  });
  it('falls back to the number when the title has no letters', () => {
    expect(channelNameFor('{{slug}}', { number: 9, title: '🔥🔥', severity: 'sev1', date })).toBe('inc-9');
  });
  it('suffixes taken names', () => {
    expect(channelNameCandidate('inc-1-x', 1)).toBe('inc-1-x');
    expect(channelNameCandidate('inc-1-x', 2)).toBe('inc-1-x-2');
  });
  it('slugify cuts at a word boundary', () => {
    expect(slugify('alpha beta gamma', 12)).toBe('alpha-beta');
  });
});

describe('declare arguments', () => {
  it('reads severity then title', () => {
    expect(parseDeclareArgs('SEV1 Checkout errors spiking', config)).toEqual({
      severity: 'sev1',
      title: 'Checkout errors spiking',
    });
    expect(parseDeclareArgs('P0   DB   down', config)).toEqual({ severity: 'sev0', title: 'DB down' });
  });
  it('uses the default severity when none is given', () => {
    expect(parseDeclareArgs('Checkout slow', config)).toEqual({ severity: 'sev2', title: 'Checkout slow' });
  });
  it('explains an unknown severity', () => {
    expect(() => parseDeclareArgs('sev7 Something', config)).toThrow(
      /"sev7" is not a severity\. Use one of: sev0\/p0, sev1\/p1/,
    );
  });
  it('explains an empty title', () => {
    expect(() => parseDeclareArgs('sev1', config)).toThrow(/Give the incident a short title/);
    expect(() => requireTitle('   ')).toThrow(/title/);
  });
  it('reads escaped people and channels in the title as they were typed', () => {
    expect(parseDeclareArgs('sev1 <@U0BOB|bob> sees 500s in <#C0GENERAL|general>, cc <@U0CAROL>', config)).toEqual({
      severity: 'sev1',
      title: '@bob sees 500s in #general, cc <@U0CAROL>',
    });
  });
  it('explains a too-long title', () => {
    expect(() => parseDeclareArgs(`sev1 ${'x'.repeat(121)}`, config)).toThrow(/121 characters; keep it to 120/);
  });
});

describe('subcommands', () => {
  it('splits the subcommand from the rest', () => {
    expect(splitSubcommand('  Declare sev1  Title here ')).toEqual({ subcommand: 'declare', rest: 'sev1  Title here' });
    expect(splitSubcommand('')).toEqual({ subcommand: '', rest: '' });
  });
  it('suggests the nearest subcommand', () => {
    expect(nearestWord('delcare', ['declare', 'help'])).toBe('declare');
    expect(nearestWord('hlep', ['declare', 'help'])).toBe('help');
    expect(nearestWord('dec', ['declare', 'help'])).toBe('declare');
    expect(nearestWord('zzzzzz', ['declare', 'help'])).toBeUndefined();
  });
});

describe('services and roles', () => {
  it('parses services', () => {
    expect(parseServices(' payments-api, checkout ,,payments-api\nweb')).toEqual(['payments-api', 'checkout', 'web']);
  });
  it('finds missing required roles', () => {
    const sev0 = findSeverity(config, 'sev0');
    expect(sev0 && missingRoles(sev0, ['commander'])).toEqual(['comms', 'ops']);
  });
});
