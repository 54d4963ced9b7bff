export { appendTimelineEntries, listTimeline, type NewTimelineEntry, type TimelineEntry } from '../entry-log/index.ts';
export {
  type CapturePlan,
  type ChannelEntryDraft,
  captureDelete,
  captureEdit,
  captureKeyFlag,
  captureMembership,
  captureMessage,
  planDeleteCapture,
  planEditCapture,
  planMessageCapture,
  slackTsToDate,
  timelineStream,
} from './capture-service.ts';
export { ChannelEventWriter } from './channel-event-writer.ts';
export { type ChannelEvent, storeChannelEvents } from './channel-events-repo.ts';
export { type NoteType, noteTypes, parseMilestoneArgs, parseNoteText, requireNoteText } from './note.ts';
export { addMessageToTimeline, addNote, requestTimelineExport } from './note-service.ts';
export { recordNumberedExport } from './numbered-export.ts';
export { mentionedUserIds, plainSlackText } from './slack-text.ts';
export { cachedTimeZone, cachedUserNames, saveUserName, saveUserProfile } from './slack-users-repo.ts';
export { formatInZone, parseLeadingTime, wallClock } from './time-spec.ts';
export {
  type ExportContext,
  inertMarkdown,
  kindInWords,
  personName,
  timelineCsv,
  timelineMarkdown,
  timelineMarkdownLines,
} from './timeline-export.ts';
export { countByKind, type FileRef, foldTimeline, type TimelineItem } from './timeline-fold.ts';
export { loadTimelineSummary, type TimelineSummary } from './timeline-summary.ts';
