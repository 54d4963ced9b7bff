import { describe, expect, it } from 'vitest';
import { matchesCriteria, parseSections, sectionsToMarkdown, sectionText } from '../src/markdown-sections.ts';

let counter = 0;
const newId = () => `s${++counter}`;

describe('parseSections', () => {
  it('makes every block a section: headings, paragraphs, list items, code, quotes, tables, dividers', () => {
    const markdown = [
      '# Title',
      'line one\nline two',
      '- [ ] check\n1. first',
      '```\n# not a heading\n\ncode\n```',
      '> quoted\n> more',
      '| a | b |\n| - | - |',
      '---',
      '#### deep',
    ].join('\n\n');
    const kinds = parseSections(markdown, newId).map((section) => section.kind);
    expect(kinds).toEqual(['h1', 'paragraph', 'list_item', 'list_item', 'code', 'quote', 'table', 'divider', 'h3']);
  });

  it('joins sections back with blank lines, keeping a list together', () => {
    const markdown = '# T\n\ntext\n\n- a\n- b\n\nend';
    expect(sectionsToMarkdown(parseSections(markdown, newId))).toBe(markdown);
  });

  it('has no sections for empty markdown', () => {
    expect(parseSections('  \n\n', newId)).toEqual([]);
  });
});

describe('matchesCriteria', () => {
  const [heading, item] = parseSections('## **Action** items\n\n- [x] Add a _canary_', newId);

  it('matches text without markdown markers, ignoring case', () => {
    expect(sectionText(heading!)).toBe('Action items');
    expect(matchesCriteria(item!, { containsText: 'add a canary' })).toBe(true);
  });

  it('needs both the type and the text when both are given', () => {
    expect(matchesCriteria(heading!, { sectionTypes: ['any_header'], containsText: 'action' })).toBe(true);
    expect(matchesCriteria(heading!, { sectionTypes: ['h1'], containsText: 'action' })).toBe(false);
    expect(matchesCriteria(item!, { sectionTypes: ['any_header'], containsText: 'canary' })).toBe(false);
  });
});
