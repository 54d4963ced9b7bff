import { describe, expect, it } from 'vitest';
import { evidenceMarkdown } from '../../src/evidence/index.ts';
import { evidenceContext, sampleBundle } from '../support/evidence.ts';

describe('the Markdown evidence document', () => {
  it('opens with the incident and who generated it when, in the configured zone', () => {
    const markdown = evidenceMarkdown(sampleBundle(), evidenceContext());
    const [title, , generated] = markdown.split('\n');
    expect(title).toBe('# INC-7 evidence bundle: Checkout \\*errors\\* [see\\](https://evil.example)');
    expect(generated).toMatch(/^Generated 2026-12-03 14:59 Europe\/Berlin by alice\. Times in Europe\/Berlin/);
  });

  it('has one section per part of the record, in order', () => {
    const headings = evidenceMarkdown(sampleBundle(), evidenceContext())
      .split('\n')
      .filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Incident',
      '## Milestones',
      '## Status history',
      '## Severity history',
      '## Role history',
      '## Stakeholder updates',
      '## Timeline',
      '## Postmortem',
      '## Corrective actions',
      '## Audit log',
    ]);
  });

  it('marks deleted messages and lists earlier versions in the timeline', () => {
    const markdown = evidenceMarkdown(sampleBundle(), evidenceContext());
    expect(markdown).toContain('- **2026-12-03 14:06 Europe/Berlin** ~~deleted~~ _message_ · alice: wrong channel');
    expect(markdown).toContain('_message_ · alice: Errors since 13:48\n  - earlier version: Errors at 13:50');
  });

  it('says who changed severity, status and roles, and when', () => {
    const markdown = evidenceMarkdown(sampleBundle(), evidenceContext());
    expect(markdown).toContain('- **2026-12-03 14:00 Europe/Berlin** sev2 (declared) · alice');
    expect(markdown).toContain('- **2026-12-03 14:10 Europe/Berlin** sev2 → sev1 · alice: all regions');
    expect(markdown).toContain('- **2026-12-03 14:30 Europe/Berlin** investigating → identified · U0CAROL');
    expect(markdown).toContain('commander: alice → U0CAROL · by alice; brief: Rollback running');
  });

  it('gives each postmortem version as written, fenced longer than any backticks in it', () => {
    const markdown = evidenceMarkdown(sampleBundle(), evidenceContext());
    expect(markdown).toContain(
      '### Version 1: 2026-12-03 14:51 Europe/Berlin by alice (drafted)\n\n```markdown\n# INC-7 postmortem\n\nUse `code`\n```',
    );
    expect(markdown).toContain('`````markdown\nHas ```` fences\n`````');
  });

  it('gives each action with its closure evidence and history', () => {
    const markdown = evidenceMarkdown(sampleBundle(), evidenceContext());
    expect(markdown).toContain('### ACT-12: Add an alert on p99 latency');
    expect(markdown).toContain(
      '- Closed: 2026-12-03 14:55 Europe/Berlin by bob; evidence: alert fired in staging, PR 812',
    );
    expect(markdown).toContain('  - **2026-12-03 14:55 Europe/Berlin** done · bob: alert fired in staging, PR 812');
  });

  it('names the message the incident was declared from, shown inert', () => {
    const bundle = sampleBundle();
    bundle.incident = {
      ...bundle.incident,
      sourceMessage: {
        channelId: 'C0OPS',
        ts: '1.2',
        text: 'down? <@U0BOB> ![x](https://evil.example/p.png)',
        authorId: 'U0BOB',
      },
    };
    expect(evidenceMarkdown(bundle, evidenceContext())).toContain(
      '- Declared from a message by bob: down? @bob ![x\\](https://evil.example/p.png)',
    );
  });

  it('says so when a part has nothing recorded', () => {
    const markdown = evidenceMarkdown(sampleBundle({ postmortem: null, actions: [], updates: [] }), evidenceContext());
    expect(markdown).toContain('## Stakeholder updates\n\n_None recorded._');
    expect(markdown).toContain('## Postmortem\n\n_No postmortem._');
    expect(markdown).toContain('## Corrective actions\n\n_None recorded._');
  });
});
