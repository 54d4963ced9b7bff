import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/actions/index.ts';
import type { Incident } from '../../src/incidents/index.ts';
import { compileCopy, escapeMrkdwn, loadCopy } from '../../src/platform/copy.ts';
import { actionItemBlocks, actionLine } from '../../src/slack/blocks/action-item.ts';
import { proposalBlocks } from '../../src/slack/blocks/action-proposals.ts';
import { announcementMessage } from '../../src/slack/blocks/announcement.ts';
import { incidentCardBlocks, incidentCardText } from '../../src/slack/blocks/incident-card.ts';
import { stakeholderUpdateMessage } from '../../src/slack/blocks/stakeholder-update.ts';
import { controls, expectOnlyOwnControls, runs, typed } from '../support/mrkdwn-controls.ts';

// Whatever a person types as a title, impact, service, update, action or proposal, what Firebreak posts
// holds no Slack control sequence (`<!channel>`, `<@U…>`, `<#C…>`, `<url|label>`) but the ones the
// builder put there itself: rendering the same model with plain words in place of the typed text gives
// exactly the control sequences allowed.
const copy = await loadCopy();

const at = new Date('2026-12-01T10:00:00Z');
function incident(fields: Partial<Incident>): Incident {
  return {
    id: 1,
    teamId: 'T1',
    number: 7,
    title: 'Checkout errors',
    severity: 'sev1',
    status: 'investigating',
    isPrivate: false,
    isDrill: false,
    customerImpact: '',
    services: [],
    declaredBy: 'U0ALICE',
    startedAt: at,
    declaredAt: at,
    channelName: 'inc-7-checkout',
    channelId: 'C0INC',
    cardTs: '1.2',
    announcementChannelId: null,
    announcementTs: null,
    mitigatedAt: null,
    resolvedAt: null,
    closedAt: null,
    changeInduced: null,
    triggeringChange: '',
    sourceMessage: null,
    ...fields,
  };
}

function action(fields: Partial<Action>): Action {
  return {
    id: 3,
    teamId: 'T1',
    number: 3,
    incidentId: 1,
    text: 'Add alert',
    ownerId: 'U0BOB',
    dueDate: '2026-12-20',
    type: 'corrective',
    priority: null,
    trackerKey: 'OPS-12',
    status: 'open',
    snoozedUntil: null,
    followUpId: null,
    createdBy: 'U0ALICE',
    createdAt: at,
    updatedAt: at,
    closedBy: null,
    closedAt: null,
    closeNote: null,
    ...fields,
  };
}

describe('copy.render', () => {
  it('puts any value in a template escaped, so it reads as typed and never as markup', () => {
    const probe = compileCopy('probe: "Hello {{ value }} from {{ who | raw }}"', 'probe.yml');
    fc.assert(
      fc.property(typed, (value) => {
        const shown = probe.render('probe', { value, who: '<@U0ME>' });
        expect(shown).toBe(`Hello ${escapeMrkdwn(value)} from <@U0ME>`.trim());
        expect(controls({ text: shown })).toEqual(['<@U0ME>']);
        // Undoing the three escapes gives back exactly what was typed.
        const back = escapeMrkdwn(value).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        expect(back).toBe(value);
      }),
      runs,
    );
  });
});

describe('messages built from typed text', () => {
  it('the incident card (title, impact, services, role names, runbook titles) and its plain text', () => {
    expectOnlyOwnControls(5, fc.constant(null), ([title = '', impact = '', service = '', role = '', runbook = '']) => {
      const model = {
        incident: incident({ title, customerImpact: impact, services: [service, 'web'] }),
        severityLabel: 'SEV1',
        roles: [{ id: 'commander', name: role, holderId: 'U0CMD' }],
        permalink: 'https://acme.slack.com/archives/C1/p1',
        updatedAt: at,
        runbooks: [{ title: runbook, settled: 1, total: 3, completed: false }],
        postmortem: { status: 'draft' as const, dueDate: '2026-12-09', ownerId: 'U0PM' },
      };
      return { blocks: incidentCardBlocks(copy, model), text: incidentCardText(model) };
    });
  });

  it('the announcement (title, impact)', () => {
    expectOnlyOwnControls(2, fc.boolean(), ([title = '', impact = ''], isDrill) =>
      announcementMessage(copy, {
        incident: incident({ title, customerImpact: impact, isDrill }),
        severityLabel: 'SEV1',
        commanderId: 'U0CMD',
      }),
    );
  });

  it('the stakeholder update (title and every field written)', () => {
    expectOnlyOwnControls(
      5,
      fc.constantFrom('low', 'medium', 'high', null),
      ([title = '', status = '', impact = '', actions = '', eta = ''], confidence) =>
        stakeholderUpdateMessage(copy, {
          incident: { number: 7, title, status: 'identified' },
          severityLabel: 'SEV1',
          authorId: 'U0COMMS',
          status,
          impact,
          actions,
          eta,
          confidence,
          nextUpdateAt: at,
        }),
    );
  });

  it('an action item, open or closed with a note, and a proposed follow-up', () => {
    expectOnlyOwnControls(
      2,
      fc.constantFrom<Action['status'][]>('open', 'done', 'wont_do'),
      ([text = '', note = ''], status) => ({
        blocks: [
          ...actionItemBlocks(copy, {
            action: action({ text, closeNote: note, status }),
            incidentRef: 'INC-7',
            today: '2026-12-03',
            trackerUrl: 'https://tracker.example/browse/{{key}}',
          }),
          ...proposalBlocks(copy, { ref: 'INC-7', proposals: [{ id: 1, text }] }),
        ],
        text: actionLine(copy, { action: action({ text }), incidentRef: 'INC-7', today: '2026-12-30' }),
      }),
    );
  });
});
