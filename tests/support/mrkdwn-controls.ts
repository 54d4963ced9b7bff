import fc from 'fast-check';
import { expect } from 'vitest';

// Shared by the mrkdwn escaping properties: typed text full of Slack control sequences, and the check that
// a built message holds no control sequence but those it has when plain words stand in for that text.

export const runs = { numRuns: 10_000 };

export const hostile = fc.constantFrom(
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S123>',
  '<@U123>',
  '<@U123|bob>',
  '<#C123>',
  '<#C123|general>',
  '<https://evil.example|click>',
  '<https://evil.example>',
  '<mailto:a@evil.example|mail>',
  '&lt;!channel&gt;',
  '&amp;',
  '&',
  '<',
  '>',
  '|',
  '!',
  '@',
  '*',
  '\n',
  '{{ x }}',
  '{% raw %}',
);
/** Typed text: hostile pieces mixed with words and noise, never empty (the parsers refuse empty text). */
export const typed = fc
  .array(fc.oneof({ weight: 3, arbitrary: hostile }, fc.constantFrom('db', 'down', ' '), fc.string({ maxLength: 6 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''));
export const benign = 'plain words';

/** Every `<…>` control sequence in the text fields (mrkdwn and plain) of a message, and its fallback text. */
export function controls(message: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (key === 'text') found.push(...(value.match(/<[^<>]*>|<|>/g) ?? []));
    } else if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, k === 'fields' || k === 'elements' ? key : k);
  };
  walk(message, 'text');
  return found;
}

/**
 * Builds a message from `count` typed strings (and a generated `fixed` choice); its control sequences must
 * be among those the same message has with plain words in place of the typed strings.
 */
export function expectOnlyOwnControls<F>(
  count: number,
  fixed: fc.Arbitrary<F>,
  build: (texts: string[], fixed: F) => unknown,
) {
  const own = new Map<string, Set<string>>();
  const ownFor = (choice: F) => {
    const key = JSON.stringify(choice) ?? '';
    let set = own.get(key);
    if (!set) own.set(key, (set = new Set(controls(build(Array(count).fill(benign), choice)))));
    return set;
  };
  fc.assert(
    fc.property(fc.array(typed, { minLength: count, maxLength: count }), fixed, (texts, choice) => {
      const allowed = ownFor(choice);
      for (const control of controls(build(texts, choice))) expect(allowed, `leaked ${control}`).toContain(control);
    }),
    runs,
  );
}
