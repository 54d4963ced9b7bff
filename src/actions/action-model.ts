import type { LocalDate } from '../platform/local-time.ts';
import type { ActionPriority, ActionStatus, ActionType } from './action.ts';

/** A corrective action: who does what by when, for which incident, and how it ended. */
export type Action = {
  id: number;
  teamId: string;
  number: number;
  incidentId: number;
  text: string;
  ownerId: string;
  dueDate: LocalDate;
  type: ActionType;
  priority: ActionPriority | null;
  trackerKey: string | null;
  status: ActionStatus;
  /** Set while snoozed: reminders leave the action out until its week comes. */
  snoozedUntil: LocalDate | null;
  followUpId: number | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  closedBy: string | null;
  closedAt: Date | null;
  /** The evidence (done) or the reason (won't do) given when it was closed. */
  closeNote: string | null;
};

export type ActionEventKind = 'created' | 'done' | 'wont_do' | 'snoozed' | 'reassigned';

/** One line of an action's history: who did what, when, with the note they gave. */
export type ActionEvent = {
  id: number;
  actionId: number;
  kind: ActionEventKind;
  actorId: string;
  at: Date;
  note: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
