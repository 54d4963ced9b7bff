import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeStatus, declareIncident } from '../../src/incidents/index.ts';
import {
  findPostmortem,
  findVersion,
  type HumanSections,
  humanSectionIds,
  openPostmortem,
  parseContributingFactors,
  regeneratePostmortem,
  writeUpPostmortem,
} from '../../src/postmortems/index.ts';
import { writtenMarkdown } from '../../src/postmortems/postmortem-model.ts';
import { addNote, inertMarkdown, plainSlackText } from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { manualClock, testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

// People's text: words, punctuation, Markdown and Slack markup, several lines; never a secret (those are redacted).
const line = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'the',
        'deploy',
        'check',
        '#',
        '-',
        '*',
        '[x]',
        '<@U0BOB>',
        '<!here>',
        '&',
        '<',
        '>',
        '`',
        'é',
        '🔥',
      ),
      fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme-ascii' }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((words) => words.join(' '));
const text = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
const sections = fc.record(
  Object.fromEntries(humanSectionIds.map((id) => [id, text])) as Record<string, fc.Arbitrary<string>>,
  {
    requiredKeys: [],
  },
);
const step = fc.oneof(
  sections.map((written) => ({ kind: 'write' as const, written: written as HumanSections })),
  fc.constant({ kind: 'regenerate' as const }),
  line.map((note) => ({ kind: 'note' as const, note })),
);

describe('what people write survives every regeneration', () => {
  it('any sequence of write-ups, new timeline entries and regenerates keeps the latest written text exactly', async () => {
    const clock = manualClock();
    const { deps } = await testDeps(database, { clock });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        n++;
        const { incident } = await declareIncident(deps, {
          teamId: 'T1',
          declareKey: `k${n}`,
          declaredBy: 'U0ALICE',
          title: `Checkout down ${n}`,
          severity: 'sev2',
        });
        await changeStatus(deps, {
          teamId: 'T1',
          incidentId: incident.id,
          to: 'resolved',
          actorId: 'U0ALICE',
          resolution: { finalSeverity: 'sev2', customerImpact: 'slow', changeInduced: false, triggeringChange: '' },
        });
        await openPostmortem(deps, { teamId: 'T1', incidentId: incident.id, actorId: 'U0ALICE' });
        let expected: HumanSections = {};
        for (const s of steps) {
          clock.advance(1000);
          if (s.kind === 'write') {
            await writeUpPostmortem(deps, {
              teamId: 'T1',
              incidentId: incident.id,
              actorId: 'U0BOB',
              sections: s.written,
            });
            expected = Object.fromEntries(
              humanSectionIds
                .filter((id) => (s.written[id] ?? '').trim())
                .map((id) => [id, (s.written[id] ?? '').trim()]),
            );
          } else if (s.kind === 'note')
            await addNote(deps, {
              teamId: 'T1',
              incidentId: incident.id,
              actorId: 'U0ALICE',
              text: s.note,
              requestKey: `n${n}:${clock.now().getTime()}`,
            });
          else await regeneratePostmortem(deps, { teamId: 'T1', incidentId: incident.id, actorId: 'U0CAROL' });
        }
        const postmortem = await findPostmortem(database.db, { teamId: 'T1', incidentId: incident.id });
        expect(postmortem?.human).toEqual(expected);
        const version = await findVersion(database.db, {
          teamId: 'T1',
          postmortemId: postmortem!.id,
          version: postmortem!.version,
        });
        const markdown = version!.markdown;
        for (const id of ['summary', 'went_well', 'went_poorly', 'lucky', 'trigger_notes'] as const)
          if (expected[id]) expect(markdown).toContain(writtenMarkdown(plainSlackText(expected[id])));
        for (const factor of parseContributingFactors(expected.contributing_factors))
          expect(markdown).toContain(inertMarkdown(plainSlackText(factor.text)));
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
