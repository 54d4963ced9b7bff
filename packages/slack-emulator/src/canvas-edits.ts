/**
 * Applies one canvases.edit change to a canvas. New content gets fresh section ids; untouched sections
 * keep theirs. A section id the canvas does not have fails the edit as Slack does (`canvas_editing_failed`).
 */
import type { Canvas, CanvasStore } from './canvas-store.ts';
import { SlackApiError } from './errors.ts';
import type { CanvasChange } from './methods/canvas-args.ts';

function plainTitle(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/, '')
    .replace(/[*_~`]/g, '')
    .trim();
}

function sectionIndex(canvas: Canvas, sectionId: string): number {
  const index = canvas.sections.findIndex((section) => section.id === sectionId);
  if (index < 0) throw new SlackApiError('canvas_editing_failed');
  return index;
}

/** Applies `change` to the live `canvas`, stamping `now` as its update time. */
export function applyCanvasChange(store: CanvasStore, canvas: Canvas, change: CanvasChange, now: number): void {
  const added = () => store.sectionsOf(change.markdown ?? '');
  const { sections } = canvas;
  switch (change.operation) {
    case 'insert_at_start':
      sections.unshift(...added());
      break;
    case 'insert_at_end':
      sections.push(...added());
      break;
    case 'insert_before':
      sections.splice(sectionIndex(canvas, change.sectionId as string), 0, ...added());
      break;
    case 'insert_after':
      sections.splice(sectionIndex(canvas, change.sectionId as string) + 1, 0, ...added());
      break;
    case 'replace':
      if (change.sectionId === undefined) canvas.sections = added();
      else sections.splice(sectionIndex(canvas, change.sectionId), 1, ...added());
      break;
    case 'delete':
      sections.splice(sectionIndex(canvas, change.sectionId as string), 1);
      break;
    case 'rename':
      canvas.title = plainTitle(change.markdown ?? '');
      break;
  }
  canvas.updated = now;
}
