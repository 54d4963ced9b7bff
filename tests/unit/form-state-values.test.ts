import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { ids } from '../../src/slack/ids.ts';
import { parseDeclareView } from '../../src/slack/parse/declare-view.ts';
import { parseResolveView, parseSeverityView } from '../../src/slack/parse/lifecycle-views.ts';

// Slack puts every element of a submitted form in state.values, with null for one left empty (a text
// input, a select, a user or date picker): null reads as empty; a missing key or another type is no
// payload Slack sends, and is refused.
const d = ids.declareModal;
const l = ids.lifecycleModal;

function declareState(overrides: Record<string, Record<string, unknown>> = {}) {
  const entry = (id: string, fields: Record<string, unknown>) => ({ [id]: { [id]: fields } });
  return {
    state: {
      values: {
        ...entry(d.title, { type: 'plain_text_input', value: 'Checkout slow' }),
        ...entry(d.severity, { type: 'static_select', selected_option: { value: 'sev2' } }),
        ...entry(d.impact, { type: 'plain_text_input', value: null }),
        ...entry(d.services, { type: 'plain_text_input', value: null }),
        ...entry(d.commander, { type: 'users_select', selected_user: null }),
        ...entry(d.started, { type: 'datetimepicker', selected_date_time: null }),
        ...entry(d.private, { type: 'checkboxes', selected_options: [] }),
        ...Object.fromEntries(Object.entries(overrides).map(([id, fields]) => [id, { [id]: fields }])),
      },
    },
  };
}

describe('form state values', () => {
  it('reads null, as Slack sends for an empty optional field, as empty', () => {
    expect(parseDeclareView(declareState())).toMatchObject({
      title: 'Checkout slow',
      severity: 'sev2',
      customerImpact: '',
      services: [],
      commanderId: undefined,
      startedAt: undefined,
      isPrivate: false,
    });
  });

  it('reads a null select as no choice', () => {
    const view = {
      state: {
        values: {
          [l.severity]: { [l.severity]: { type: 'static_select', selected_option: null } },
          [l.reason]: { [l.reason]: { type: 'plain_text_input', value: null } },
        },
      },
    };
    expect(parseSeverityView(view)).toEqual({ severity: '', reason: '' });
  });

  it.each([
    ['a text input without its value key', d.impact, { type: 'plain_text_input' }],
    ['a user picker without selected_user', d.commander, { type: 'users_select' }],
    ['a date picker without selected_date_time', d.started, { type: 'datetimepicker' }],
    ['a select without selected_option', d.severity, { type: 'static_select' }],
    ['a text value that is a number', d.impact, { type: 'plain_text_input', value: 5 }],
    ['a date that is a string', d.started, { type: 'datetimepicker', selected_date_time: '1700000000' }],
  ])('refuses %s', (_, id, fields) => {
    expect(() => parseDeclareView(declareState({ [id]: fields }))).toThrow(ZodError);
  });

  it('names the entry whose value key is missing', () => {
    const view = {
      state: {
        values: {
          [l.resolvedAt]: { [l.resolvedAt]: { type: 'datetimepicker', selected_date_time: null } },
          [l.severity]: { [l.severity]: { type: 'static_select', selected_option: null } },
          [l.changeInduced]: { [l.changeInduced]: { type: 'radio_buttons' } },
        },
      },
    };
    const paths = (() => {
      try {
        parseResolveView(view);
        return [];
      } catch (error) {
        return (error as ZodError).issues.map((issue) => issue.path.join('.'));
      }
    })();
    expect(paths).toEqual([`${l.changeInduced}.${l.changeInduced}.selected_option`]);
  });
});
