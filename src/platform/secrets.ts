export type Redaction = { text: string; kinds: string[] };

/** Every kind of secret redactSecrets can report (templates/messages.yml names each under secrets.kinds). */
export const secretKinds = [
  'private_key',
  'slack_token',
  'slack_webhook',
  'github_token',
  'stripe_key',
  'jwt',
  'aws_access_key',
  'aws_secret_key',
  'url_password',
  'bearer_token',
  'password',
] as const;
export type SecretKind = (typeof secretKinds)[number];

const mask = '[REDACTED]';

type Rule = {
  kind: SecretKind;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
  onlyWithAwsKeyId?: boolean;
};

// Shapes with a fixed prefix follow the gitleaks default rule set (github.com/gitleaks/gitleaks,
// config/gitleaks.toml and cmd/generate/config/rules/*.go); each cites its rule id. Their trailing
// `(?:[\x60'"\s;]|\\[nr]|$)` guards are left out, so a key followed by `.`, `,` or `>` in prose or a Slack
// link is still found. Order matters: a private key block is removed whole before line-based patterns
// look inside it, and an AWS secret is recognised while its access key id is still in the text.
const rules: Rule[] = [
  {
    kind: 'private_key',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: () => `[REDACTED PRIVATE KEY]`,
  },
  { kind: 'slack_token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{6,}/g, replace: () => mask },
  { kind: 'slack_token', pattern: /\bxapp-[A-Za-z0-9-]{6,}/g, replace: () => mask },
  // gitleaks slack-webhook-url; the host and path prefix stay so a reader knows what was pasted.
  {
    kind: 'slack_webhook',
    pattern: /\b((?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9+/]{43,56}/g,
    replace: (_m, lead) => `${lead}${mask}`,
  },
  // gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat.
  { kind: 'github_token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}/g, replace: () => mask },
  { kind: 'github_token', pattern: /\bgithub_pat_\w{82}/g, replace: () => mask },
  // gitleaks stripe-access-token: secret and restricted keys, live, test and prod (publishable pk_ keys are public).
  { kind: 'stripe_key', pattern: /\b(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}/g, replace: () => mask },
  // gitleaks jwt.
  {
    kind: 'jwt',
    pattern: /\bey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?/g,
    replace: () => mask,
  },
  // gitleaks aws-secret-access-key: a sub-rule, only looked for in a text that holds an access key id.
  {
    kind: 'aws_secret_key',
    pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
    replace: (match) => (looksLikeAwsSecret(match) ? mask : match),
    onlyWithAwsKeyId: true,
  },
  // gitleaks aws-access-token (its allowlist of …EXAMPLE keys is not kept: redacting a sample costs nothing).
  { kind: 'aws_access_key', pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: () => mask },
  {
    kind: 'aws_secret_key',
    pattern: /\b(aws_?secret_?(?:access_?)?key(?:_id)?["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}\b/gi,
    replace: (_m, lead) => `${lead}${mask}`,
  },
  {
    kind: 'url_password',
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@<>|]+:)[^\s@/<>|]+@/gi,
    replace: (_m, lead) => `${lead}${mask}@`,
  },
  { kind: 'bearer_token', pattern: /\b(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, replace: (_m, lead) => `${lead}${mask}` },
  // A quoted value ("password": "two words", 'db_password': '…') goes whole, spaces and all.
  {
    kind: 'password',
    pattern:
      /\b((?:[\w-]{0,40}[_.-])?(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|credentials?)["'”’]?\s*[:=]\s*)(["'“‘])((?:\\.|(?!\2|[”’])[^\\\n])+)(["'”’])/gi,
    replace: (match, lead, open, value, close) => (value === mask ? match : `${lead}${open}${mask}${close}`),
  },
  {
    kind: 'password',
    pattern:
      /\b((?:[\w-]{0,40}[_.-])?(?:password|passwd|pwd|api[_-]?key|access[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["']?)([^\s"'&,;<>|]{3,})/gi,
    replace: (match, lead, value) => (value?.startsWith(mask) ? match : `${lead}${mask}`),
  },
];

const awsAccessKeyId = /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/;

// gitleaks asks for Shannon entropy of at least 3; a lower-case hex run of 40 is a git sha, not a key.
function looksLikeAwsSecret(candidate: string): boolean {
  if (/^[0-9a-f]{40}$/.test(candidate)) return false;
  const counts = new Map<string, number>();
  for (const char of candidate) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / candidate.length) * Math.log2(count / candidate.length);
  return entropy >= 3;
}

/**
 * Replaces secrets (Slack tokens and webhooks, GitHub, Stripe and AWS keys, JWTs, private keys, URL
 * passwords, bearer tokens, password=… and "password": "…") with a marker, saying which kinds; pure.
 */
export function redactSecrets(text: string): Redaction {
  const kinds = new Set<string>();
  const pairedAwsSecret = awsAccessKeyId.test(text);
  let result = text;
  for (const { kind, pattern, replace, onlyWithAwsKeyId } of rules) {
    if (onlyWithAwsKeyId && !pairedAwsSecret) continue;
    result = result.replace(pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.filter((value): value is string => typeof value === 'string');
      const replacement = replace(match, ...groups);
      if (replacement !== match) kinds.add(kind);
      return replacement;
    });
  }
  return { text: result, kinds: [...kinds] };
}

/** Which secret kinds were taken out of one named field a person typed. */
export type FieldRedaction = { field: string; kinds: string[] };

/** Every field with its secrets replaced, and the fields that held any (in the order given); pure. */
export function redactFields<T extends Record<string, string | undefined>>(
  fields: T,
): { values: T; found: FieldRedaction[] } {
  const values: Record<string, string | undefined> = {};
  const found: FieldRedaction[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) {
      values[field] = value;
      continue;
    }
    const redaction = redactSecrets(value);
    values[field] = redaction.text;
    if (redaction.kinds.length > 0) found.push({ field, kinds: redaction.kinds });
  }
  return { values: values as T, found };
}

/**
 * A copy of `value` with every string in it (at any depth of arrays and plain objects) passed through
 * redactSecrets; keys, numbers, booleans and Dates are kept as they are. For records assembled from
 * many tables, some written before their text was redacted at write time.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value).text as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value)))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
  return value;
}
