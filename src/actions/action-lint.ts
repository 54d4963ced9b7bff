/**
 * A gentle check that an action reads as a bounded piece of work ("Add an alert on search-api p99
 * latency > 2 s for 5 min, paging the search on-call") rather than a wish ("Improve monitoring").
 * It only suggests; nothing is ever refused because of it. The wording shown to people lives in
 * templates/, keyed by each finding's code.
 */
export type ActionLintFinding =
  /** The text does not open with an imperative verb; `word` is the word it opens with. */
  | { code: 'no_verb'; word: string }
  /** The text is a vague opener ("Investigate", "Look into", …) with at most a few words after it. */
  | { code: 'vague'; opener: string };

export type ActionLint = { vague: boolean; findings: ActionLintFinding[] };

/** Words an opener may be followed by and still be vague: "Review the deploy process" is; a sentence is not. */
export const maxWordsAfterVagueOpener = 3;

// Imperative verbs common in action items. Words ending in -e or -ify are taken as verbs too
// ("Automate", "Configure", "Verify"), except the few non-verbs below that people open with.
const verbs = new Set(
  `add adjust alert alarm allow archive assign audit back backfill backport block build bump cap
  change check clean cut delete deploy detect disable document drain drop enforce escalate evict expand
  expose extend fail fix flag gate harden implement index install isolate keep label limit lock log look
  lower make measure merge migrate mirror monitor move page pair partition patch pin plan post prevent
  provision publish purge put raise rebuild record reduce refactor refresh reject repair replace reproduce
  request reset resize restart restrict retry return revert review roll rotate route run scale schedule
  separate set shard share ship shorten show split stop store support switch teach test throttle track
  train tune turn upgrade upsize investigate warn watch wire write`.split(/\s+/),
);
const notVerbs = new Set(
  `the one some more none these those whole same future maybe service database cache infrastructure
  capacity latency state site code people sre time type trace`.split(/\s+/),
);
// Openers that name an intent without a bound; checked longest first so "look into" wins over "look".
const vagueOpeners = [
  'improve monitoring',
  'improve alerting',
  'improve observability',
  'look into',
  'follow up on',
  'follow up',
  'fix issues',
  'fix issue',
  'fix bugs',
  'fix the issue',
  'be more careful',
  'think about',
  'investigate',
  'improve',
  'check',
  'monitor',
  'review',
  'discuss',
  'consider',
  'explore',
  'revisit',
  'ensure',
];

/** Findings for an action's text (none for a bounded action); never throws, whatever the text. */
export function lintActionText(text: string): ActionLint {
  const words = text
    .replace(/<[^<>]*>/g, ' ') // Slack markup (mentions, links) is not part of the sentence's grammar
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^[^a-z0-9]+|[^a-z0-9'-]+$/g, ''))
    .filter((word) => word !== '');
  const findings: ActionLintFinding[] = [];
  const first = words[0];
  if (first !== undefined && !isVerb(first)) findings.push({ code: 'no_verb', word: first });
  const opener = vagueOpeners.find((phrase) => startsWith(words, phrase.split(' ')));
  if (opener !== undefined && words.length - opener.split(' ').length <= maxWordsAfterVagueOpener) {
    findings.push({ code: 'vague', opener });
  }
  return { vague: findings.length > 0, findings };
}

/** Whether a lower-case word reads as an imperative verb, by the list and the -e / -ify heuristic. */
export function isVerb(word: string): boolean {
  if (verbs.has(word)) return true;
  if (notVerbs.has(word)) return false;
  return /^[a-z]{3,}(e|ify)$/.test(word);
}

function startsWith(words: string[], phrase: string[]): boolean {
  return phrase.every((word, index) => words[index] === word);
}
