import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../src/config/env.ts';
import { ConfigError, loadConfig, parseConfigText } from '../../src/config/load-config.ts';

const validEnv = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'sekrit-signing-secret' };

describe('environment', () => {
  it('applies defaults', () => {
    const env = parseEnv(validEnv);
    expect(env).toMatchObject({
      port: 3000,
      slackApiUrl: 'https://slack.com/api/',
      dataDir: './data',
      logLevel: 'info',
    });
    expect(env.databaseUrl).toBeUndefined();
  });
  it('adds a trailing slash to SLACK_API_URL', () => {
    expect(parseEnv({ ...validEnv, SLACK_API_URL: 'http://127.0.0.1:9/api' }).slackApiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });
  it('lists one line per problem and never echoes a value', () => {
    const secret = 'xoxp-should-not-leak-123';
    try {
      parseEnv({ SLACK_BOT_TOKEN: secret, PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems;
      expect(problems).toHaveLength(5);
      expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
      expect(problems.join('\n')).toMatch(/SLACK_SIGNING_SECRET is required/);
      expect(problems.join('\n')).toMatch(/PORT must be a port number/);
      expect(problems.join('\n')).toMatch(/DATABASE_URL must be a postgres/);
      expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).not.toContain('mysql');
    }
  });
  it('treats empty variables as unset', () => {
    expect(parseEnv({ ...validEnv, DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });
  it('gives the HTTP server 10 s for headers and for the whole request unless told otherwise', () => {
    expect(parseEnv(validEnv).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 10_000 });
    expect(
      parseEnv({ ...validEnv, FIREBREAK_HEADERS_TIMEOUT_MS: '2000', FIREBREAK_REQUEST_TIMEOUT_MS: '5000' }).http,
    ).toEqual({ headersTimeoutMs: 2000, requestTimeoutMs: 5000 });
  });
  it('refuses a header timeout longer than the request timeout, or one that is not a sane number of milliseconds', () => {
    expect(() => parseEnv({ ...validEnv, FIREBREAK_HEADERS_TIMEOUT_MS: '20000' })).toThrow(
      /FIREBREAK_HEADERS_TIMEOUT_MS must not be longer than FIREBREAK_REQUEST_TIMEOUT_MS/,
    );
    expect(() => parseEnv({ ...validEnv, FIREBREAK_REQUEST_TIMEOUT_MS: '10s' })).toThrow(
      /FIREBREAK_REQUEST_TIMEOUT_MS must be a number of milliseconds/,
    );
    expect(() => parseEnv({ ...validEnv, FIREBREAK_REQUEST_TIMEOUT_MS: '0' })).toThrow(
      /FIREBREAK_REQUEST_TIMEOUT_MS must be at least 100/,
    );
  });
});

describe('firebreak.yml', () => {
  it('has built-in defaults', async () => {
    const config = await loadConfig(undefined);
    expect(config.severities.map((s) => s.name)).toEqual(['sev0', 'sev1', 'sev2', 'sev3', 'near-miss']);
    expect(config.channels.name_pattern).toBe('inc-{{number}}-{{slug}}');
  });
  it('reads a valid file', () => {
    const config = parseConfigText(
      'channels:\n  announcement: "#ops-incidents"\nresponders: [U0ALICE]\n',
      'firebreak.yml',
    );
    expect(config.channels.announcement).toBe('#ops-incidents');
    expect(config.responders).toEqual(['U0ALICE']);
  });
  it('names file, line and field of a bad value', () => {
    const text = [
      'severities:',
      '  - name: sev1',
      '    roles_required: [commander, wizard]',
      'roles:',
      '  - id: commander',
      '    name: IC',
    ].join('\n');
    expect(() => parseConfigText(text, 'firebreak.yml')).toThrow(
      /firebreak\.yml:3: severities\.0\.roles_required\.1: names role "wizard", which is not in roles \(allowed: commander\)/,
    );
  });
  it('reports YAML syntax errors with a line', () => {
    expect(() => parseConfigText('channels:\n  announcement: [unclosed\n', 'f.yml')).toThrow(ConfigError);
    expect(() => parseConfigText('channels:\n  announcement: [unclosed\n', 'f.yml')).toThrow(
      /f\.yml:\d+: YAML syntax error/,
    );
  });
  it('reports an alias with no anchor as a ConfigError with its line, not a ReferenceError', () => {
    // Found by tests/unit/config-file-properties.test.ts: yaml parses `*a` cleanly and throws only in toJS.
    expect(() => parseConfigText('timezone: UTC\nchannels: *a\n', 'f.yml')).toThrow(ConfigError);
    expect(() => parseConfigText('timezone: UTC\nchannels: *a\n', 'f.yml')).toThrow(
      /f\.yml:2: YAML error: Unresolved alias/,
    );
  });
  it('rejects a bad time zone and duplicate aliases', () => {
    expect(() => parseConfigText('timezone: Mars/Olympus\n', 'f.yml')).toThrow(
      /f\.yml:1: timezone: must be an IANA time zone/,
    );
    const dup = 'severities:\n  - name: sev1\n    aliases: [p1]\n  - name: sev2\n    aliases: [P1]\n';
    expect(() => parseConfigText(dup, 'f.yml')).toThrow(/"p1" already names severity sev1/);
  });
  it('refuses a misspelt nested key with its line and the nearest known key', () => {
    expect(problemsOf('channels:\n  anouncement: "#ops"\n')).toEqual([
      'f.yml:2: channels.anouncement: is not a known key; did you mean "announcement"?',
    ]);
  });
  it('refuses a misspelt top-level key with its line and the nearest known key', () => {
    expect(problemsOf('timezone: UTC\ndefault_severty: sev1\n')).toEqual([
      'f.yml:2: default_severty: is not a known key; did you mean "default_severity"?',
    ]);
  });
  it('refuses a misspelt key inside a severity, one line per key', () => {
    const text = 'severities:\n  - name: sev1\n    lable: One\n    alises: [p1]\ndefault_severity: sev1\n';
    expect(problemsOf(text)).toEqual([
      'f.yml:3: severities.0.lable: is not a known key; did you mean "label"?',
      'f.yml:4: severities.0.alises: is not a known key; did you mean "aliases"?',
    ]);
  });
  it('lists the known keys when an unknown key is like none of them', () => {
    expect(problemsOf('reminders:\n  zzzzzzzzzz: 3\n')).toEqual([
      'f.yml:2: reminders.zzzzzzzzzz: is not a known key (known keys: role_nudge_minutes, archive_after_days, postmortem_due_business_days, action_reminder_day, action_reminder_hour)',
    ]);
  });
  it('refuses a default_severity that is not a severity, listing the severities', () => {
    expect(problemsOf('default_severity: sev9\n')).toEqual([
      'f.yml:1: default_severity: must name one of the severities (sev0, sev1, sev2, sev3, near-miss)',
    ]);
  });
  it('reads holidays as YYYY-MM-DD strings, quoted or not, and defaults to none', async () => {
    expect((await loadConfig(undefined)).holidays).toEqual([]);
    expect(parseConfigText('holidays:\n  - 2026-12-25\n  - "2026-12-26"\n', 'f.yml').holidays).toEqual([
      '2026-12-25',
      '2026-12-26',
    ]);
  });
  it('refuses a holiday that is not a real YYYY-MM-DD date, with its line', () => {
    expect(problemsOf('holidays:\n  - 2026-12-25\n  - 2026-02-30\n  - 25.12.2026\n')).toEqual([
      'f.yml:3: holidays.1: is not a real calendar date',
      'f.yml:4: holidays.2: must be a date written YYYY-MM-DD',
    ]);
  });
  it('has postmortem defaults: built-in template, no extra phrases, reminders at 10:00', async () => {
    expect((await loadConfig(undefined)).postmortem).toEqual({ blameless_phrases: [], reminder_hour: 10 });
  });
  it('reads a postmortem template, extra blameless phrases and the reminder hour', () => {
    const text = [
      'postmortem:',
      '  template: templates/our-postmortem.md',
      '  reminder_hour: 8',
      '  blameless_phrases:',
      '    - phrase: dropped the ball',
      '      suggestion: Name the step the process skipped.',
      '    - pattern: "cowboy(ed)?"',
      '      suggestion: Name the missing guard-rail.',
    ].join('\n');
    expect(parseConfigText(text, 'f.yml').postmortem).toEqual({
      template: 'templates/our-postmortem.md',
      reminder_hour: 8,
      blameless_phrases: [
        { phrase: 'dropped the ball', suggestion: 'Name the step the process skipped.' },
        { pattern: 'cowboy(ed)?', suggestion: 'Name the missing guard-rail.' },
      ],
    });
  });
  it('refuses a reminder hour outside 0–23', () => {
    expect(problemsOf('postmortem:\n  reminder_hour: 24\n')).toHaveLength(1);
    expect(problemsOf('postmortem:\n  reminder_hour: 24\n')[0]).toMatch(/^f\.yml:2: postmortem\.reminder_hour: /);
  });
  it('refuses a blameless phrase with both or neither of phrase and pattern, or a broken pattern', () => {
    const text = [
      'postmortem:',
      '  blameless_phrases:',
      '    - suggestion: Say what the system did.',
      '    - phrase: oops',
      '      pattern: oops',
      '      suggestion: Say what the system did.',
      '    - pattern: "(unclosed"',
      '      suggestion: Say what the system did.',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'f.yml:3: postmortem.blameless_phrases.0: needs exactly one of phrase or pattern',
      'f.yml:4: postmortem.blameless_phrases.1: needs exactly one of phrase or pattern',
      'f.yml:7: postmortem.blameless_phrases.2.pattern: is not a valid regular expression',
    ]);
  });
  it('refuses a misspelt key under postmortem with the nearest known key', () => {
    expect(problemsOf('postmortem:\n  reminder_hours: 9\n')).toEqual([
      'f.yml:2: postmortem.reminder_hours: is not a known key; did you mean "reminder_hour"?',
    ]);
  });
  it('refuses a misspelt key inside a blameless phrase with the nearest known key', () => {
    const text = 'postmortem:\n  blameless_phrases:\n    - phrase: oops\n      sugestion: Say what the system did.\n';
    expect(problemsOf(text)).toContain(
      'f.yml:4: postmortem.blameless_phrases.0.sugestion: is not a known key; did you mean "suggestion"?',
    );
  });
  it('paces message posting at 100 a minute unless told otherwise', async () => {
    expect((await loadConfig(undefined)).slack.post_message_per_minute).toBe(100);
    expect(parseConfigText('slack:\n  post_message_per_minute: 600\n', 'f.yml').slack.post_message_per_minute).toBe(
      600,
    );
  });
  it('refuses a posting rate that is not a positive whole number, and a misspelt key under slack', () => {
    expect(problemsOf('slack:\n  post_message_per_minute: 0\n')[0]).toMatch(
      /^f\.yml:2: slack\.post_message_per_minute: /,
    );
    expect(problemsOf('slack:\n  post_messages_per_minute: 50\n')).toEqual([
      'f.yml:2: slack.post_messages_per_minute: is not a known key; did you mean "post_message_per_minute"?',
    ]);
  });
  it('has corrective-action defaults: no due-day overrides, no tracker link, escalation after 7 days', async () => {
    const config = await loadConfig(undefined);
    expect(config.actions).toEqual({ due_days: {}, escalate_after_days: 7 });
    expect(config.channels.action_escalation).toBeNull();
    expect(config.reminders).toMatchObject({ action_reminder_day: 'mon', action_reminder_hour: 9 });
  });
  it('reads due days per severity, a tracker link and the escalation channel', () => {
    const config = parseConfigText(
      'actions:\n  due_days:\n    sev1: 10\n  tracker_url: "https://jira.example.com/browse/{{key}}"\n  escalate_after_days: 3\nchannels:\n  action_escalation: "#sre-leads"\n',
      'f.yml',
    );
    expect(config.actions).toEqual({
      due_days: { sev1: 10 },
      tracker_url: 'https://jira.example.com/browse/{{key}}',
      escalate_after_days: 3,
    });
    expect(config.channels.action_escalation).toBe('#sre-leads');
  });
  it('refuses due days for a severity that does not exist, and a tracker link without {{key}}', () => {
    expect(problemsOf('actions:\n  due_days:\n    sev9: 10\n')).toEqual([
      expect.stringMatching(/actions\.due_days\.sev9: is not a severity name/),
    ]);
    expect(problemsOf('actions:\n  tracker_url: "https://jira.example.com/browse/"\n')[0]).toMatch(
      /actions\.tracker_url: must contain \{\{key\}\}/,
    );
  });
  it('says when the file cannot be read', async () => {
    await expect(loadConfig('/nonexistent/firebreak.yml')).rejects.toThrow(
      /cannot be read \(ENOENT\); check FIREBREAK_CONFIG/,
    );
  });
});

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'f.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
