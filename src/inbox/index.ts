export {
  type ClaimedInboxRow,
  claimInboxRowByKey,
  claimUnhandledInbox,
  countInFlightInbox,
  type InboxLease,
  type InboxRow,
  insertInboxRow,
  insertInboxRows,
  isInboxKeyStored,
  markInboxAttemptFailed,
  markInboxHandled,
  type NewInboxRow,
} from './inbox-repo.ts';
export { InboxWriter } from './inbox-writer.ts';
