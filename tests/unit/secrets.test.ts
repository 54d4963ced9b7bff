import { describe, expect, it } from 'vitest';
import { loadCopy } from '../../src/platform/copy.ts';
import { redactDeep, redactFields, redactSecrets, secretKinds } from '../../src/platform/secrets.ts';
import { fakeSecrets as s } from '../support/fake-secrets.ts';

describe('redactSecrets finds each shape', () => {
  it.each([
    ['a classic GitHub token', `push with ${s.githubPat} failed`, s.githubPat, 'github_token'],
    ['a GitHub OAuth token', `oauth ${s.githubOauth}`, s.githubOauth, 'github_token'],
    ['a GitHub app token', `GITHUB_TOKEN=${s.githubApp}`, s.githubApp, 'github_token'],
    ['a fine-grained GitHub token', `pat: ${s.githubFineGrained}.`, s.githubFineGrained, 'github_token'],
    ['a JWT', `cookie session=${s.jwt}; path=/`, s.jwt, 'jwt'],
    ['a live Stripe secret key', `impact: charges fail with ${s.stripeLive}`, s.stripeLive, 'stripe_key'],
    ['a restricted Stripe key', `restricted ${s.stripeRestricted},`, s.stripeRestricted, 'stripe_key'],
    ['a Stripe test key', `test ${s.stripeTest}`, s.stripeTest, 'stripe_key'],
    [
      'a Slack webhook URL',
      `posting to <${s.slackWebhook}>`,
      s.slackWebhook.split('/services/')[1] as string,
      'slack_webhook',
    ],
  ])('%s', (_name, input, secret, kind) => {
    const result = redactSecrets(input);
    expect(result.text).not.toContain(secret);
    expect(result.text).toContain('[REDACTED]');
    expect(result.kinds).toEqual([kind]);
  });

  it('keeps the webhook host so a reader knows what was pasted', () => {
    expect(redactSecrets(`hook ${s.slackWebhook} now`).text).toBe(
      'hook https://hooks.slack.com/services/[REDACTED] now',
    );
  });

  it('a bare 40-character AWS secret next to its access key id', () => {
    const result = redactSecrets(`creds ${s.awsAccessKeyId} ${s.awsSecret} for the deploy role`);
    expect(result.text).toBe('creds [REDACTED] [REDACTED] for the deploy role');
    expect(result.kinds.sort()).toEqual(['aws_access_key', 'aws_secret_key']);
  });

  it.each([
    ['"password": "…"', `{"password": "${s.password}"}`, '{"password": "[REDACTED]"}'],
    ['a quoted value with spaces', `{"db_password":"correct horse ${s.password}"}`, '{"db_password":"[REDACTED]"}'],
    ['a quoted value with punctuation', `{"password": "p&${s.password},x;y"}`, '{"password": "[REDACTED]"}'],
    ['single quotes', `password: '${s.password}'`, "password: '[REDACTED]'"],
    [
      'a "secret" key',
      `{"client_secret" : "${s.password}", "user": "bob"}`,
      '{"client_secret" : "[REDACTED]", "user": "bob"}',
    ],
    ['a "token" key', `{"token":"${s.password}"}`, '{"token":"[REDACTED]"}'],
  ])('the value of JSON-style %s, keeping the key', (_name, input, output) => {
    expect(redactSecrets(input)).toEqual({ text: output, kinds: ['password'] });
  });

  it('reports nothing for text already redacted', () => {
    expect(redactSecrets('{"password": "[REDACTED]"} password=[REDACTED]')).toEqual({
      text: '{"password": "[REDACTED]"} password=[REDACTED]',
      kinds: [],
    });
  });
});

describe('redactSecrets leaves ordinary text alone', () => {
  it.each([
    'Checkout errors spiking in EU',
    'Rolled back to a1b2c3d4e5f60718293a4b5c6d7e8f9012345678 after the deploy',
    'revert 0123456789abcdef0123456789abcdef01234567 (AKIA keys were rotated yesterday)',
    'the password policy and token rotation are fine',
    'token rotation: done',
    'sk_live keys and ghp_ tokens were rotated; see the github_pat_ docs',
    'hooks.slack.com is returning 500s',
    'eyes on the dashboard. eye.example.com',
    'https://github.com/acme/payments/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    'ASIA region latency is up 40%',
  ])('%s', (text) => {
    expect(redactSecrets(text)).toEqual({ text, kinds: [] });
  });

  it('a 40-character sha next to an access key id is not taken for its secret', () => {
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    expect(redactSecrets(`${s.awsAccessKeyId} rotated in ${sha}`)).toEqual({
      text: `[REDACTED] rotated in ${sha}`,
      kinds: ['aws_access_key'],
    });
  });

  it('a 40-character run without an access key id stays', () => {
    expect(redactSecrets(`blob ${s.awsSecret}`).kinds).toEqual([]);
  });
});

describe('redactSecrets on long pastes', () => {
  it('stays linear on a 40 000-character log line of dashes and dots', () => {
    const started = performance.now();
    for (const text of ['a-'.repeat(20_000), 'a.'.repeat(20_000), 'x-y.'.repeat(10_000)])
      expect(redactSecrets(text).kinds).toEqual([]);
    // Unbounded key prefixes took about two seconds here; bounded, a few milliseconds.
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('redactFields', () => {
  it('redacts each field and says which held what', () => {
    const { values, found } = redactFields({
      title: 'Checkout slow',
      impact: `fails with ${s.stripeLive}`,
      eta: undefined,
      note: `token ${s.githubPat}`,
    });
    expect(values).toEqual({
      title: 'Checkout slow',
      impact: 'fails with [REDACTED]',
      eta: undefined,
      note: 'token [REDACTED]',
    });
    expect(found).toEqual([
      { field: 'impact', kinds: ['stripe_key'] },
      { field: 'note', kinds: ['github_token'] },
    ]);
  });
});

describe('secret kinds in copy', () => {
  it('every kind has a name people can read', async () => {
    const copy = await loadCopy();
    for (const kind of secretKinds) expect(copy.render(`secrets.kinds.${kind}`)).not.toBe('');
  });
});

describe('redactDeep', () => {
  it('redacts every string at any depth and keeps keys, numbers, booleans, nulls and dates', () => {
    const when = new Date('2026-12-03T13:00:00Z');
    const record = {
      note: `token ${s.githubPat}`,
      list: [{ text: `key ${s.stripeLive}`, count: 2, done: true, at: when }],
      nested: { none: null, deeper: { password: `password=${s.password}` } },
    };
    const redacted = redactDeep(record);
    expect(redacted).toEqual({
      note: 'token [REDACTED]',
      list: [{ text: 'key [REDACTED]', count: 2, done: true, at: when }],
      nested: { none: null, deeper: { password: 'password=[REDACTED]' } },
    });
    expect(redacted.list[0]?.at).toBeInstanceOf(Date);
    expect(record.note).toContain(s.githubPat);
  });
});
