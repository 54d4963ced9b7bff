/**
 * Canvas markdown as Slack stores it: a list of sections. Canvases are Quip documents, where every block is
 * a section of its own — each heading, paragraph, list item, code block, quote, table and divider — so a
 * `replace` of a heading's section replaces the heading line only, not the text under it.
 */

/** Kinds of section; `canvases.sections.lookup` can filter on the headings only. */
export type SectionKind = 'h1' | 'h2' | 'h3' | 'paragraph' | 'list_item' | 'code' | 'quote' | 'table' | 'divider';

/** One section of a canvas. */
export interface CanvasSection {
  /** Slack-shaped section id, e.g. `temp:C:AAAAAAAAAAAAAAAAAAAAAAAAAAA1`. */
  id: string;
  kind: SectionKind;
  /** The section's markdown, exactly as written (without the blank lines around it). */
  markdown: string;
}

/** Section types `canvases.sections.lookup` accepts in `criteria.section_types`. */
export const LOOKUP_SECTION_TYPES = ['h1', 'h2', 'h3', 'any_header'] as const;
export type LookupSectionType = (typeof LOOKUP_SECTION_TYPES)[number];

const HEADING = /^(#{1,6})\s+\S/;
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+/;
const DIVIDER = /^\s*([-*_])(\s*\1){2,}\s*$/;
const FENCE = /^\s*(```|~~~)/;

function headingKind(line: string): SectionKind {
  const level = (HEADING.exec(line)?.[1] ?? '#').length;
  // Canvases have three heading levels; deeper ones are shown as h3.
  return level === 1 ? 'h1' : level === 2 ? 'h2' : 'h3';
}

function blockKind(line: string): SectionKind {
  if (HEADING.test(line)) return headingKind(line);
  if (DIVIDER.test(line)) return 'divider';
  if (LIST_ITEM.test(line)) return 'list_item';
  if (line.trimStart().startsWith('>')) return 'quote';
  if (line.trimStart().startsWith('|')) return 'table';
  return 'paragraph';
}

/** Splits markdown into sections, giving each a fresh id from `newId`. Empty markdown has no sections. */
export function parseSections(markdown: string, newId: () => string): CanvasSection[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const sections: CanvasSection[] = [];
  const push = (kind: SectionKind, block: string[]) => sections.push({ id: newId(), kind, markdown: block.join('\n') });
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as string;
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    if (FENCE.test(line)) {
      const block = [line];
      index += 1;
      while (index < lines.length && !FENCE.test(lines[index] as string)) block.push(lines[index++] as string);
      if (index < lines.length) block.push(lines[index++] as string);
      push('code', block);
      continue;
    }
    const kind = blockKind(line);
    const block = [line];
    index += 1;
    if (kind === 'paragraph' || kind === 'quote' || kind === 'table') {
      // A paragraph, quote or table runs on until a blank line or another kind of block.
      while (index < lines.length && (lines[index] as string).trim() !== '') {
        const next = lines[index] as string;
        if (FENCE.test(next) || blockKind(next) !== kind) break;
        block.push(next);
        index += 1;
      }
    }
    push(kind, block);
  }
  return sections;
}

/** The canvas's markdown: sections joined by blank lines, list items of one list kept together. */
export function sectionsToMarkdown(sections: readonly CanvasSection[]): string {
  let out = '';
  sections.forEach((section, position) => {
    const previous = sections[position - 1];
    if (previous) out += previous.kind === 'list_item' && section.kind === 'list_item' ? '\n' : '\n\n';
    out += section.markdown;
  });
  return out;
}

/** The text a person reads in a section: markdown markers stripped. */
export function sectionText(section: CanvasSection): string {
  return section.markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/^#{1,6}\s+/, '')
        .replace(LIST_ITEM, '')
        .replace(/^\[[ xX]\]\s+/, '')
        .replace(/^\s*>\s?/, ''),
    )
    .join('\n')
    .replace(/[*_~`]/g, '');
}

/** Whether a section matches lookup criteria (types, text contained case-insensitively; both when both given). */
export function matchesCriteria(
  section: CanvasSection,
  criteria: { sectionTypes?: readonly LookupSectionType[]; containsText?: string },
): boolean {
  const isHeading = section.kind === 'h1' || section.kind === 'h2' || section.kind === 'h3';
  if (criteria.sectionTypes) {
    const typeMatches = criteria.sectionTypes.some((type) =>
      type === 'any_header' ? isHeading : type === section.kind,
    );
    if (!typeMatches) return false;
  }
  if (criteria.containsText !== undefined)
    return sectionText(section).toLowerCase().includes(criteria.containsText.toLowerCase());
  return true;
}
