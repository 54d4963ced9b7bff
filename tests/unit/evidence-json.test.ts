import { describe, expect, it } from 'vitest';
import { evidenceDocument, evidenceJson } from '../../src/evidence/index.ts';
import { evidenceContext, evidenceUsers, sampleBundle } from '../support/evidence.ts';

const { alice, bob, carol, bot, nameless } = evidenceUsers;

describe('the JSON evidence document', () => {
  it('names its schema and says when and by whom it was generated', () => {
    const doc = evidenceDocument(sampleBundle(), evidenceContext());
    expect(doc.schema).toBe('firebreak.evidence/v1');
    expect(doc.generatedAt).toBe('2026-12-03T13:59:00.000Z');
    expect(doc.generatedBy).toEqual({ id: alice, name: 'alice' });
  });

  it('names people by id with their cached name, null when none is known, Firebreak for the bot', () => {
    const bundle = sampleBundle();
    bundle.timeline[0] = { ...(bundle.timeline[0] as (typeof bundle.timeline)[0]), actorId: bot };
    bundle.timeline[1] = { ...(bundle.timeline[1] as (typeof bundle.timeline)[0]), actorId: nameless };
    const doc = evidenceDocument(bundle, evidenceContext());
    expect(doc.timeline[0]?.actor).toEqual({ id: bot, name: 'Firebreak' });
    expect(doc.timeline[1]?.actor).toEqual({ id: nameless, name: null });
    expect(doc.timeline.find((item) => item.kind === 'secret_redacted')?.actor).toBeNull();
    expect(doc.updates[0]?.author).toEqual({ id: carol, name: null });
  });

  it('keeps every timeline item: earlier versions oldest first, deleted ones marked, mentions made plain', () => {
    const doc = evidenceDocument(sampleBundle(), evidenceContext());
    expect(doc.timeline).toHaveLength(5);
    expect(doc.timeline[1]).toMatchObject({
      text: 'Errors since 13:48',
      earlierVersions: ['Errors at 13:50'],
      deleted: false,
      slackTs: '1796302000.000100',
    });
    expect(doc.timeline[2]).toMatchObject({ text: 'wrong channel', deleted: true });
    expect(doc.timeline[4]).toMatchObject({
      kind: 'note',
      type: 'decision',
      what: 'decision',
      text: 'roll back, ask @bob',
    });
  });

  it('lists milestones in lifecycle order and times as ISO 8601 UTC', () => {
    const doc = evidenceDocument(sampleBundle(), evidenceContext());
    expect(Object.keys(doc.milestones)).toEqual(['declared', 'mitigated', 'resolved']);
    expect(doc.milestones.resolved).toBe('2026-12-03T13:45:00.000Z');
    expect(doc.incident.startedAt).toBeNull();
    expect(doc.incident.declaredAt).toBe('2026-12-03T13:00:00.000Z');
  });

  it('gives role, severity and status history with who and when', () => {
    const doc = evidenceDocument(sampleBundle(), evidenceContext());
    expect(doc.severityHistory.map((c) => [c.from, c.to, c.reason])).toEqual([
      [null, 'sev2', null],
      ['sev2', 'sev1', 'all regions'],
    ]);
    expect(doc.statusHistory.map((c) => [c.from, c.to, c.by.id])).toEqual([
      [null, 'investigating', alice],
      ['investigating', 'identified', carol],
      ['identified', 'resolved', carol],
    ]);
    expect(doc.roleHistory[1]).toEqual({
      at: '2026-12-03T13:20:00.000Z',
      by: { id: alice, name: 'alice' },
      role: 'commander',
      from: { id: alice, name: 'alice' },
      to: { id: carol, name: null },
      brief: 'Rollback running',
    });
  });

  it('gives the postmortem with every version and each action with its closure evidence and history', () => {
    const doc = evidenceDocument(sampleBundle(), evidenceContext());
    expect(doc.postmortem?.versions.map((v) => [v.version, v.reason, v.by.id])).toEqual([
      [1, 'drafted', alice],
      [2, 'write-up', carol],
    ]);
    expect(doc.postmortem?.versions[0]?.markdown).toBe('# INC-7 postmortem\n\nUse `code`\n');
    expect(doc.actions[0]).toMatchObject({
      ref: 'ACT-12',
      status: 'done',
      closedBy: { id: bob, name: 'bob' },
      closedAt: '2026-12-03T13:55:00.000Z',
      closeNote: 'alert fired in staging, PR 812',
    });
    expect(doc.actions[0]?.history.map((e) => e.kind)).toEqual(['created', 'done']);
  });

  it('gives the message the incident was declared from, mentions made plain, or null', () => {
    const bundle = sampleBundle();
    expect(evidenceDocument(bundle, evidenceContext()).incident.sourceMessage).toBeNull();
    bundle.incident = {
      ...bundle.incident,
      sourceMessage: { channelId: 'C0OPS', ts: '1796300000.000100', text: 'checkout down? <@U0BOB>', authorId: bob },
    };
    expect(evidenceDocument(bundle, evidenceContext()).incident.sourceMessage).toEqual({
      channelId: 'C0OPS',
      ts: '1796300000.000100',
      permalink: null,
      author: { id: bob, name: 'bob' },
      text: 'checkout down? @bob',
    });
  });

  it('is null for a missing postmortem and empty lists for nothing recorded', () => {
    const doc = evidenceDocument(sampleBundle({ postmortem: null, actions: [], updates: [] }), evidenceContext());
    expect(doc.postmortem).toBeNull();
    expect(doc.actions).toEqual([]);
    expect(doc.updates).toEqual([]);
  });

  it('is pretty-printed JSON that parses back to the document', () => {
    const text = evidenceJson(sampleBundle(), evidenceContext());
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(evidenceDocument(sampleBundle(), evidenceContext()));
  });
});
