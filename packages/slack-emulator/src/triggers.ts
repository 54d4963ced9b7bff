/**
 * trigger_id issuance and exchange: a trigger is valid for 3 s (emulator clock) and for one
 * views.open / views.push, like Slack.
 */
import { createHash } from 'node:crypto';
import { SlackApiError } from './errors.ts';
import type { Clock } from './types.ts';

/** Where a trigger came from (decides which user sees the view). */
export interface TriggerOrigin {
  userId: string;
  /** Set when the interaction happened inside a view (clickViewButton, submitView). */
  viewId?: string;
}

interface IssuedTrigger extends TriggerOrigin {
  issuedAt: number;
  used: boolean;
}

/** How long a trigger_id may be exchanged, in ms. */
export const TRIGGER_VALIDITY_MS = 3000;

/** Issues trigger_ids for interactions and checks them when the app opens a view. */
export class TriggerRegistry {
  private readonly issued = new Map<string, IssuedTrigger>();
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    private readonly teamId: string,
  ) {}

  /** A fresh trigger_id in Slack's format (`digits.digits.hex`). */
  issue(origin: TriggerOrigin): string {
    this.counter += 1;
    const teamDigits = String(Number.parseInt(createHash('sha1').update(this.teamId).digest('hex').slice(0, 8), 16));
    const secret = createHash('sha256')
      .update(`${this.teamId}:${this.counter}:${this.clock()}`)
      .digest('hex')
      .slice(0, 32);
    const id = `${1_000_000_000 + this.counter}.${teamDigits}.${secret}`;
    this.issued.set(id, { ...origin, issuedAt: this.clock(), used: false });
    return id;
  }

  /**
   * Exchanges a trigger for a view: unknown → `invalid_trigger_id`, already used →
   * `exchanged_trigger_id`, older than 3 s → `expired_trigger_id`.
   */
  exchange(triggerId: string | undefined): TriggerOrigin {
    const trigger = triggerId === undefined ? undefined : this.issued.get(triggerId);
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (this.clock() - trigger.issuedAt > TRIGGER_VALIDITY_MS) throw new SlackApiError('expired_trigger_id');
    trigger.used = true;
    return { userId: trigger.userId, ...(trigger.viewId ? { viewId: trigger.viewId } : {}) };
  }
}
