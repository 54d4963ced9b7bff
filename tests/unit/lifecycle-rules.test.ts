import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import {
  allowedTransitions,
  canTransition,
  formatDuration,
  incidentStatuses,
  isReopen,
  isUpgrade,
  parseStatus,
  requireReason,
  requireRole,
  requireTransition,
} from '../../src/incidents/index.ts';
import { parseMention, splitIncidentRef } from '../../src/slack/parse/lifecycle-args.ts';

describe('status transitions', () => {
  it('follow investigating → identified → monitoring → resolved → closed, with re-open', () => {
    expect(canTransition('investigating', 'identified')).toBe(true);
    expect(canTransition('monitoring', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
    expect(canTransition('investigating', 'closed')).toBe(false);
    expect(canTransition('closed', 'resolved')).toBe(false);
    expect(isReopen('resolved', 'investigating')).toBe(true);
    expect(isReopen('closed', 'investigating')).toBe(true);
    expect(isReopen('identified', 'investigating')).toBe(false);
    for (const from of incidentStatuses) expect(allowedTransitions(from)).not.toContain(from);
  });

  it('explain what is possible from here', () => {
    expect(() => requireTransition('monitoring', 'closed')).toThrow(
      'From monitoring you can go to: investigating, identified, resolved.',
    );
    expect(() => requireTransition('resolved', 'resolved')).toThrow('already resolved');
    expect(() => parseStatus('done')).toThrow(/Use one of: investigating, identified, monitoring, resolved, closed/);
    expect(parseStatus(' Monitoring ')).toBe('monitoring');
  });
});

describe('severity and roles', () => {
  it('knows upgrades, needs a reason, finds roles by id or name', async () => {
    const config = await loadConfig(undefined);
    expect(isUpgrade(config, 'sev2', 'sev1')).toBe(true);
    expect(isUpgrade(config, 'sev1', 'sev3')).toBe(false);
    expect(() => requireReason('  ')).toThrow(/Say why/);
    expect(requireRole(config, 'Comms lead').id).toBe('comms');
    expect(() => requireRole(config, 'chef')).toThrow(/Use one of: commander, comms, ops, scribe/);
  });
});

describe('command text', () => {
  it('reads mentions as Slack sends them and leading incident refs', () => {
    expect(parseMention('<@U0BOB|bob>', 'usage')).toBe('U0BOB');
    expect(parseMention('<@W0ABC>', 'usage')).toBe('W0ABC');
    expect(() => parseMention('@bob', 'say @person')).toThrow('say @person');
    expect(splitIncidentRef('INC-12 sev1 worse')).toEqual({ number: 12, ref: 'INC-12', rest: 'sev1 worse' });
    expect(splitIncidentRef('sev1 worse')).toEqual({ number: undefined, ref: '', rest: 'sev1 worse' });
  });

  it('answers a plain @name (escaping off) with what to do instead of the usage', () => {
    const plain = () => parseMention('@bob', 'say @person', 'pick bob from the autocomplete');
    expect(plain).toThrow('pick bob from the autocomplete');
    expect(plain).toThrow(expect.objectContaining({ code: 'command.mention_plain' }));
    expect(() => parseMention('bob', 'say @person', 'pick bob')).toThrow('say @person');
  });

  it('formats durations', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(formatDuration(start, new Date('2026-01-01T00:45:30Z'))).toBe('45m');
    expect(formatDuration(start, new Date('2026-01-01T02:05:00Z'))).toBe('2h 05m');
    expect(formatDuration(start, new Date('2026-01-04T05:00:00Z'))).toBe('3d 5h');
  });
});

describe('lifecycle configuration', () => {
  it('rejects a bad escalation contact and a negative archive delay with file, line and field', async () => {
    const { parseConfigText } = await import('../../src/config/load-config.ts');
    const contacts =
      'severities:\n  - name: sev1\n    escalation:\n      - name: Manager\n        slack_user: bob\nroles:\n  - id: commander\n    name: IC\n';
    expect(() => parseConfigText(contacts, 'f.yml')).toThrow(
      /f\.yml:5: severities\.0\.escalation\.0\.slack_user: must be a Slack user id/,
    );
    expect(() => parseConfigText('reminders:\n  archive_after_days: -1\n', 'f.yml')).toThrow(
      /f\.yml:2: reminders\.archive_after_days/,
    );
  });
});
