export { countInFlightInbox, type InboxRow, insertInboxRow, listUnhandledInbox, markInboxAttemptFailed, markInboxHandled } from './inbox-repo.ts';
