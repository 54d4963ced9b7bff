export { appendTimelineEntries, listTimeline, type NewTimelineEntry, type TimelineEntry } from './timeline-repo.ts';
export {
  type CapturePlan,
  captureDelete,
  captureEdit,
  captureKeyFlag,
  captureMembership,
  captureMessage,
  type ChannelEntryDraft,
  planDeleteCapture,
  planEditCapture,
  planMessageCapture,
  slackTsToDate,
  timelineStream,
} from './capture-service.ts';
export { recordTypedRedactions, type TypedRedactions, typedRedactionNoticeKind } from './typed-redaction.ts';
export { type ChannelEvent, storeChannelEvents } from './channel-events-repo.ts';
export { ChannelEventWriter } from './channel-event-writer.ts';
export { addMessageToTimeline, addNote, listOpenIncidents, requestTimelineExport, requireIncident } from './note-service.ts';
export { listMilestones, type Milestones, setMilestone, setMilestones } from './milestone-service.ts';
export { milestoneNames, type MilestoneName, noteTypes, type NoteType, parseMilestoneArgs, parseNoteText, requireNoteText } from './note.ts';
export { mentionedUserIds, plainSlackText } from './slack-text.ts';
export { formatInZone, parseLeadingTime, wallClock } from './time-spec.ts';
export { countByKind, foldTimeline, type FileRef, type TimelineItem } from './timeline-fold.ts';
export { timelineCsv, timelineMarkdown } from './timeline-export.ts';
export { cachedUserNames, saveUserName } from './slack-users-repo.ts';
export { loadTimelineSummary, type TimelineSummary } from './timeline-summary.ts';
