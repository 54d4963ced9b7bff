export { countInFlightInbox, type InboxRow, insertInboxRow, insertInboxRows, type NewInboxRow, listUnhandledInbox, markInboxAttemptFailed, markInboxHandled } from './inbox-repo.ts';
export { InboxWriter } from './inbox-writer.ts';
