export type Redaction = { text: string; kinds: string[] };

const mask = '[REDACTED]';

// Order matters: a private key block is removed whole before line-based patterns look inside it.
const patterns: Array<{ kind: string; pattern: RegExp; replace: (match: string, ...groups: string[]) => string }> = [
  {
    kind: 'private_key',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: () => `[REDACTED PRIVATE KEY]`,
  },
  { kind: 'slack_token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{6,}/g, replace: () => mask },
  { kind: 'slack_token', pattern: /\bxapp-[A-Za-z0-9-]{6,}/g, replace: () => mask },
  { kind: 'aws_access_key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: () => mask },
  {
    kind: 'aws_secret_key',
    pattern: /\b(aws_?secret_?(?:access_?)?key(?:_id)?["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}\b/gi,
    replace: (_m, lead) => `${lead}${mask}`,
  },
  { kind: 'url_password', pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@<>|]+:)[^\s@/<>|]+@/gi, replace: (_m, lead) => `${lead}${mask}@` },
  { kind: 'bearer_token', pattern: /\b(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, replace: (_m, lead) => `${lead}${mask}` },
  {
    kind: 'password',
    pattern: /\b((?:password|passwd|pwd|api[_-]?key|access[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["']?)([^\s"'&,;<>|]{3,})/gi,
    replace: (_m, lead) => `${lead}${mask}`,
  },
];

/** Replaces secrets (Slack tokens, AWS keys, private keys, URL passwords, bearer tokens, password=…) with a marker; pure. */
export function redactSecrets(text: string): Redaction {
  const kinds = new Set<string>();
  let result = text;
  for (const { kind, pattern, replace } of patterns) {
    result = result.replace(pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.filter((value): value is string => typeof value === 'string');
      const replacement = replace(match, ...groups);
      if (replacement !== match) kinds.add(kind);
      return replacement;
    });
  }
  return { text: result, kinds: [...kinds] };
}
