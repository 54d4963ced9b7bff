/**
 * Arguments of the canvas methods, checked like Slack's schema does: `invalid_arguments` with
 * `[ERROR] … [json-pointer:/…]` messages for a missing field, a wrong type, an unknown enum value, an
 * extra property, more than one change, or markdown over 1 MiB.
 */
import { type ApiArgs, optionalJson } from '../args.ts';
import { MAX_CANVAS_MARKDOWN } from '../canvas-store.ts';
import { invalidArguments } from '../errors.ts';
import { LOOKUP_SECTION_TYPES, type LookupSectionType } from '../markdown-sections.ts';

/** Operations of canvases.edit. */
export const EDIT_OPERATIONS = [
  'insert_after',
  'insert_before',
  'insert_at_start',
  'insert_at_end',
  'replace',
  'delete',
  'rename',
] as const;
export type EditOperation = (typeof EDIT_OPERATIONS)[number];

/** One checked change of canvases.edit. */
export interface CanvasChange {
  operation: EditOperation;
  sectionId?: string;
  /** Markdown of `document_content` (content operations) or `title_content` (rename). */
  markdown?: string;
}

// What each operation needs and refuses, as Slack's schema has it: `replace` without section_id is the
// whole canvas; `rename` takes title_content and nothing else.
const SHAPES: Record<EditOperation, { section: 'required' | 'optional' | 'refused'; content: string | null }> = {
  insert_after: { section: 'required', content: 'document_content' },
  insert_before: { section: 'required', content: 'document_content' },
  insert_at_start: { section: 'refused', content: 'document_content' },
  insert_at_end: { section: 'refused', content: 'document_content' },
  replace: { section: 'optional', content: 'document_content' },
  delete: { section: 'required', content: null },
  rename: { section: 'refused', content: 'title_content' },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a `{type: "markdown", markdown}` object at `pointer` and returns its markdown. */
export function checkContent(value: unknown, pointer: string): string {
  if (!isObject(value)) invalidArguments([`[ERROR] must be an object [json-pointer:${pointer}]`]);
  if (value.type === undefined) invalidArguments([`[ERROR] missing required field: type [json-pointer:${pointer}]`]);
  if (value.type !== 'markdown')
    invalidArguments([`[ERROR] must be a valid enum value (${String(value.type)}) [json-pointer:${pointer}/type]`]);
  if (typeof value.markdown !== 'string')
    invalidArguments([`[ERROR] missing required field: markdown [json-pointer:${pointer}]`]);
  if ([...value.markdown].length > MAX_CANVAS_MARKDOWN)
    invalidArguments([
      `[ERROR] must be less than ${MAX_CANVAS_MARKDOWN + 1} characters [json-pointer:${pointer}/markdown]`,
    ]);
  return value.markdown;
}

/** The markdown of an optional `document_content` argument, or undefined when absent. */
export function optionalDocument(args: ApiArgs): string | undefined {
  const value = optionalJson(args, 'document_content');
  return value === undefined ? undefined : checkContent(value, '/document_content');
}

function checkChange(value: unknown): CanvasChange {
  const at = '/changes/0';
  if (!isObject(value)) invalidArguments([`[ERROR] must be an object [json-pointer:${at}]`]);
  if (value.operation === undefined)
    invalidArguments([`[ERROR] missing required field: operation [json-pointer:${at}]`]);
  const operation = value.operation as EditOperation;
  if (!EDIT_OPERATIONS.includes(operation))
    invalidArguments([
      `[ERROR] must be a valid enum value (${String(value.operation)}) [json-pointer:${at}/operation]`,
    ]);
  const shape = SHAPES[operation];
  const allowed = new Set(['operation', ...(shape.section === 'refused' ? [] : ['section_id'])]);
  if (shape.content) allowed.add(shape.content);
  for (const key of Object.keys(value))
    if (!allowed.has(key)) invalidArguments([`[ERROR] invalid additional property: ${key} [json-pointer:${at}]`]);
  const sectionId = value.section_id;
  if (sectionId !== undefined && typeof sectionId !== 'string')
    invalidArguments([`[ERROR] must provide a string [json-pointer:${at}/section_id]`]);
  if (shape.section === 'required' && !sectionId)
    invalidArguments([`[ERROR] missing required field: section_id [json-pointer:${at}]`]);
  const change: CanvasChange = { operation, ...(sectionId ? { sectionId } : {}) };
  if (shape.content) {
    if (value[shape.content] === undefined)
      invalidArguments([`[ERROR] missing required field: ${shape.content} [json-pointer:${at}]`]);
    change.markdown = checkContent(value[shape.content], `${at}/${shape.content}`);
  }
  return change;
}

/** The single change of canvases.edit: Slack refuses zero changes and more than one per call. */
export function requiredChange(args: ApiArgs): CanvasChange {
  const changes = optionalJson(args, 'changes');
  if (changes === undefined) invalidArguments(['[ERROR] missing required field: changes']);
  if (!Array.isArray(changes)) invalidArguments(['[ERROR] must be an array [json-pointer:/changes]']);
  if (changes.length === 0) invalidArguments(['[ERROR] must provide at least 1 items [json-pointer:/changes]']);
  if (changes.length > 1) invalidArguments(['[ERROR] no more than 1 items allowed [json-pointer:/changes]']);
  return checkChange(changes[0]);
}

/** Criteria of canvases.sections.lookup: section_types (1 to 3 known types) and/or contains_text. */
export function requiredCriteria(args: ApiArgs): { sectionTypes?: LookupSectionType[]; containsText?: string } {
  const criteria = optionalJson(args, 'criteria');
  if (criteria === undefined) invalidArguments(['[ERROR] missing required field: criteria']);
  if (!isObject(criteria)) invalidArguments(['[ERROR] must be an object [json-pointer:/criteria]']);
  for (const key of Object.keys(criteria))
    if (key !== 'section_types' && key !== 'contains_text')
      invalidArguments([`[ERROR] invalid additional property: ${key} [json-pointer:/criteria]`]);
  const { section_types: types, contains_text: text } = criteria;
  if (types === undefined && (text === undefined || text === ''))
    invalidArguments(['[ERROR] missing required field: section_types or contains_text [json-pointer:/criteria]']);
  if (text !== undefined && typeof text !== 'string')
    invalidArguments(['[ERROR] must provide a string [json-pointer:/criteria/contains_text]']);
  if (types === undefined) return { containsText: text as string };
  if (!Array.isArray(types)) invalidArguments(['[ERROR] must be an array [json-pointer:/criteria/section_types]']);
  if (types.length === 0)
    invalidArguments(['[ERROR] must provide at least 1 items [json-pointer:/criteria/section_types]']);
  if (types.length > 3)
    invalidArguments(['[ERROR] no more than 3 items allowed [json-pointer:/criteria/section_types]']);
  types.forEach((type, index) => {
    if (!LOOKUP_SECTION_TYPES.includes(type))
      invalidArguments([
        `[ERROR] must be a valid enum value (${String(type)}) [json-pointer:/criteria/section_types/${index}]`,
      ]);
  });
  return { sectionTypes: types as LookupSectionType[], ...(text ? { containsText: text as string } : {}) };
}
