export { appendTimelineEntries, listTimeline, type NewTimelineEntry, type TimelineEntry } from './timeline-repo.ts';
export { timelineEntriesTable } from './timeline.sql.ts';
