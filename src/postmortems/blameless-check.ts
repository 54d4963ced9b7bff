import type { BlamelessPhraseConfig } from '../config/firebreak-config.ts';

/**
 * Flags person-blaming wording in a postmortem field so the author can reword it: blameless
 * postmortems name systems and processes, not people (DOMAIN.md, "Postmortem"). It is a heuristic
 * that suggests, never blocks; a flag says what matched, where, why, and a concrete rewording.
 *
 * "failed to" / "forgot to" are flagged only after a person-like subject, so "the job failed to
 * start" passes: a Slack mention (<@U…>) or plain @name; he, she, they, someone, somebody;
 * (the) engineer, operator, on-call, developer, admin, reviewer, responder; a name in `knownPeople`
 * anywhere; or a capitalised word opening a sentence or a clause after : or ; ("Bob failed to …")
 * unless it is a pronoun, a common system word or looks like a thing (a plural, "-ing", "-tion":
 * "Redis failed to start" and "Payments failed to settle" pass; an unlisted "Varnish failed to …" is
 * flagged: pass `knownPeople` for precision). "We/I failed to" is not flagged: owning a miss as a team
 * is fine. Two subjects joined by "and" are missed unless one is a mention, a person word or known.
 */
export type BlamelessRule =
  | 'fault'
  | 'blame'
  | 'human-error'
  | 'should-have-known'
  | 'careless'
  | 'negligent'
  | 'failed-to'
  | 'forgot-to'
  | 'did-not-bother'
  | 'sloppy'
  | 'incompetent'
  | 'person-in-contributing-factors'
  | 'configured-phrase';

export type BlamelessFlag = {
  /** The matched text exactly as written. */
  phrase: string;
  /** UTF-16 offsets into the checked text: text.slice(start, end) === phrase. */
  start: number;
  end: number;
  field: string;
  rule: BlamelessRule;
  suggestion: string;
  why: string;
};

export type BlamelessCheckOptions = {
  /** The postmortem field the text came from; the mention rule applies only to contributing factors. */
  field: string;
  /** Extra wording from firebreak.yml `postmortem.blameless_phrases`. */
  extraPhrases?: readonly BlamelessPhraseConfig[];
  /** Names of people (display or real names) to treat as person subjects and, in contributing factors, to flag. */
  knownPeople?: readonly string[];
};

/** The field whose text must name systems, not people (any of contributing_factors, contributing-factors, …). */
export const contributingFactorsField = 'contributing_factors';

type Rule = { rule: BlamelessRule; pattern: RegExp; why: string; suggestion: (match: RegExpExecArray) => string };

const apostrophe = "['’]";
const mention = String.raw`<@[UW][A-Z0-9]+(?:\|[^>]*)?>`;
const plainMention = String.raw`(?<![\w.@])@(?!(?:here|channel|everyone)\b)[A-Za-z0-9][\w.-]*\w`;
const personWord = String.raw`\b(?:he|she|they|someone|somebody|(?:the\s+)?(?:on-?call(?:\s+engineer)?|engineer|operator|developer|admin|reviewer|responder))\b`;
// Capitalised words that open sentences about systems, not people.
const notPeople = new Set(
  [
    'it this that which there the a an we i you our their its everything nothing',
    'deploy build job service server database db cache redis postgres postgresql mysql kafka nginx migration alert',
    'check test pipeline cron worker api dns ci cd monitoring rollback rollout backup replica script automation',
    'terraform kubernetes k8s cluster node pod system config load traffic failover healthcheck checkout login',
    'signup search billing email webhook queue scheduler sync upload export import auth sso cdn storage disk',
    'network proxy gateway firewall vpn app frontend backend website site dashboard page release cert certificate',
    'consumer producer ingestion retry canary pager paging linter compiler',
  ]
    .join(' ')
    .split(' '),
);
// Endings that mark a capitalised word as a thing, not a first name: plurals ("Payments", "Builds";
// a few names like "Hans" are missed, which `knownPeople` covers) and -ing, -tion, -ment, … nouns.
const thingEnding = /(?:[^aeiouys]s|ing|tion|sion|ment|ness|ity|ance|ence|ware)$/i;

const whyPerson = 'It names a person as the cause; a blameless postmortem asks what in the system let it happen.';
const rewordAsSystem = (match: RegExpExecArray, verb: string): string => {
  const rest = (match.groups?.rest ?? '').split(/[,;:]/)[0]?.trim() ?? '';
  const example = rest ? `"no step in the process made sure to ${rest}"` : '"the process had no step for this"';
  return `Make the system or process the subject, e.g. ${example}, and ask what let it through unchecked (instead of who ${verb}).`;
};

const defaultRules: Rule[] = [
  {
    rule: 'fault',
    pattern: new RegExp(
      String.raw`(?:${mention}|\b(?!(?:it|that|there|what|here|this)${apostrophe}s)[\p{L}\p{N}_-]+)${apostrophe}s\s+fault\b|\b(?:his|her|their|my|your)\s+fault\b|\bfault\s+of\s+(?:${mention}|${plainMention}|${personWord}|(?<name>\p{Lu}\p{Ll}+))|\bat\s+fault\b`,
      'giu',
    ),
    why: 'Assigning fault to someone makes people hide what they know next time.',
    suggestion: () =>
      'Describe what happened and what allowed it, e.g. "the change reached production without a canary stage".',
  },
  {
    rule: 'blame',
    // "No one is to blame" says the review is blameless; it is not flagged.
    pattern:
      /(?<!\b(?:no\s+one|no-one|nobody)\s+(?:is\s+|was\s+)?(?:to\s+)?)\b(?:(?:is|are|was|were)\s+to\s+blame|blam(?:e|es|ed|ing))\b/giu,
    why: 'Blame looks for a person to hold responsible; the review is after the conditions that made the failure possible.',
    suggestion: () =>
      'Drop the blame and state the contributing condition, e.g. "the alert threshold was too high to fire".',
  },
  {
    rule: 'human-error',
    pattern: /\bhuman\s+errors?\b/giu,
    why: '"Human error" ends the inquiry where it should start: people err, systems should catch it.',
    suggestion: () =>
      'Say which safeguard was missing, e.g. "the console allowed a destructive command without confirmation".',
  },
  {
    rule: 'should-have-known',
    pattern: new RegExp(
      String.raw`\b(?:should(?:\s+have|${apostrophe}ve)|ought\s+to\s+have)\s+known\b|\bshould${apostrophe}?n${apostrophe}?t\s+have\s+known\b`,
      'giu',
    ),
    why: 'Hindsight: what seems obvious now was not visible then.',
    suggestion: () =>
      'Describe what the person could see at the time, e.g. "the dashboard showed no sign of the queue backing up".',
  },
  {
    rule: 'careless',
    pattern: /\bcareless(?:ly|ness)?\b/giu,
    why: 'It judges a person rather than describing the conditions.',
    suggestion: () => 'Describe the step and what made it easy to get wrong, e.g. "two similar hostnames in one list".',
  },
  {
    rule: 'negligent',
    pattern: /\bnegligen(?:t|tly|ce)\b/giu,
    why: 'It judges a person rather than describing the conditions.',
    suggestion: () => 'Describe the missing check or guard-rail, e.g. "backups were never restore-tested".',
  },
  {
    rule: 'failed-to',
    pattern: subjectPattern('failed'),
    why: whyPerson,
    suggestion: (match) => rewordAsSystem(match, 'failed'),
  },
  {
    rule: 'forgot-to',
    pattern: subjectPattern('forgot'),
    why: whyPerson,
    suggestion: (match) => rewordAsSystem(match, 'forgot'),
  },
  {
    rule: 'did-not-bother',
    pattern: new RegExp(String.raw`\b(?:didn${apostrophe}t|did\s+not)\s+bother(?=\s+(?:to|with)\b)`, 'giu'),
    why: 'It reads motive into an action; say what happened and why it made sense at the time.',
    suggestion: () =>
      'Describe what made the step easy to skip, e.g. "the checklist did not include a verification step".',
  },
  {
    rule: 'sloppy',
    pattern: /\bslopp(?:y|ily|iness)\b/giu,
    why: 'It judges a person rather than describing the conditions.',
    suggestion: () => 'Describe the gap in the process, e.g. "the review did not cover the migration script".',
  },
  {
    rule: 'incompetent',
    pattern: /\bincompeten(?:t|tly|ce|cy)\b/giu,
    why: 'It judges a person rather than describing the conditions.',
    suggestion: () =>
      'Describe what knowledge or tooling was missing, e.g. "the runbook did not cover this failure mode".',
  },
];

/** The flags in one field's text, in order of position; an empty list when the text reads blameless. */
export function checkBlameless(text: string, opts: BlamelessCheckOptions): BlamelessFlag[] {
  const people = (opts.knownPeople ?? []).map((name) => name.trim()).filter((name) => name.length > 0);
  const rules = [
    ...defaultRules,
    ...people.flatMap(knownPersonRules),
    ...(opts.extraPhrases ?? []).map(configuredRule),
  ];
  if (isContributingFactors(opts.field)) rules.push(mentionRule(people));
  const flags = rules.flatMap((rule) => matchesOf(text, rule, opts.field));
  const seen = new Set<string>();
  return flags
    .filter((flag) => {
      const key = `${flag.rule}:${flag.start}:${flag.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

function matchesOf(text: string, rule: Rule, field: string): BlamelessFlag[] {
  const flags: BlamelessFlag[] = [];
  const pattern = new RegExp(
    rule.pattern.source,
    rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`,
  );
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    // The subject rules match "<subject> failed to <rest>"; the flag covers "<subject> failed to".
    const phrase = match.groups?.flagged ?? match[0];
    const start = match.index;
    const name = match.groups?.name;
    if (name && !looksLikeFirstName(name)) continue;
    flags.push({
      phrase,
      start,
      end: start + phrase.length,
      field,
      rule: rule.rule,
      suggestion: rule.suggestion(match),
      why: rule.why,
    });
  }
  return flags;
}

// "<subject> failed to <rest>" with the subject a mention, a person word, or a capitalised word opening a sentence;
// <rest> is only looked ahead at (for the suggestion) so a second subject in the sentence is still found.
function subjectPattern(verb: 'failed' | 'forgot', subject?: string): RegExp {
  const who =
    subject ?? String.raw`(?:${mention}|${plainMention}|${personWord}|(?<=^|[.!?:;]\s+|\n\s*)(?<name>\p{Lu}\p{Ll}+))`;
  return new RegExp(String.raw`(?<flagged>${who}\s+(?:had\s+)?${verb}\s+to)\b(?=(?<rest>[^.!?\n]{0,80}))`, 'giu');
}

function knownPersonRules(name: string): Rule[] {
  const who = String.raw`(?<![\p{L}\p{N}_])${escapeRegExp(name)}(?![\p{L}\p{N}_])`;
  return (['failed', 'forgot'] as const).map((verb) => ({
    rule: verb === 'failed' ? 'failed-to' : 'forgot-to',
    pattern: subjectPattern(verb, who),
    why: whyPerson,
    suggestion: (match: RegExpExecArray) => rewordAsSystem(match, verb),
  }));
}

function mentionRule(people: readonly string[]): Rule {
  const names = people.map((name) => String.raw`(?<![\p{L}\p{N}_])${escapeRegExp(name)}(?![\p{L}\p{N}_])`);
  return {
    rule: 'person-in-contributing-factors',
    pattern: new RegExp([mention, plainMention, ...names].join('|'), 'giu'),
    why: 'Contributing factors name systems, processes and conditions, not people.',
    suggestion: () =>
      'Name the system, process or condition instead of the person, e.g. "the runbook had no step for a failed migration".',
  };
}

function configuredRule(entry: BlamelessPhraseConfig): Rule {
  const source =
    entry.pattern ??
    String.raw`(?<![\p{L}\p{N}_])${(entry.phrase ?? '').trim().split(/\s+/).map(escapeRegExp).join(String.raw`\s+`)}(?![\p{L}\p{N}_])`;
  return {
    rule: 'configured-phrase',
    pattern: new RegExp(source, 'giu'),
    why: 'Listed as person-blaming wording in firebreak.yml (postmortem.blameless_phrases).',
    suggestion: () => entry.suggestion,
  };
}

// The i flag lets \p{Lu}\p{Ll}+ match any case, so the shape of a name is checked here: "Bob", not "bob" or "GCP".
function looksLikeFirstName(word: string): boolean {
  const capitalised = word[0] !== word[0]?.toLowerCase() && word.slice(1) === word.slice(1).toLowerCase();
  return capitalised && !notPeople.has(word.toLowerCase()) && !thingEnding.test(word);
}

function isContributingFactors(field: string): boolean {
  return field.toLowerCase().replace(/[\s-]+/g, '_') === contributingFactorsField;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
