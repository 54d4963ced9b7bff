export { timelineEntriesTable } from './timeline.sql.ts';
export {
  appendTimelineEntries,
  countTimelineEntries,
  listTimeline,
  type NewTimelineEntry,
  type TimelineEntry,
} from './timeline-repo.ts';
export { recordTypedRedactions, type TypedRedactions } from './typed-redaction.ts';
