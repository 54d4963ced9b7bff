import { describe, expect, it } from 'vitest';
import { groupByDue, isAwake, nextWeeklySlot, slotBeingSent } from '../../src/actions/index.ts';

const monday9 = (timeZone: string) => ({ day: 'mon' as const, hour: 9, timeZone });

describe('the weekly reminder slot', () => {
  it.each([
    ['Asia/Tokyo', '2026-12-07T00:00:00.000Z'],
    ['Europe/Berlin', '2026-12-07T08:00:00.000Z'],
    ['America/New_York', '2026-12-07T14:00:00.000Z'],
  ])('is Monday 09:00 on the wall clock in %s', (zone, at) => {
    const slot = nextWeeklySlot(new Date('2026-12-02T12:00:00Z'), monday9(zone));
    expect(slot).toEqual({ at: new Date(at), week: '2026-12-07' });
  });

  it('stays at 09:00 local across a daylight-saving change', () => {
    const first = nextWeeklySlot(new Date('2026-10-14T12:00:00Z'), monday9('Europe/Berlin'));
    expect(first.at.toISOString()).toBe('2026-10-19T07:00:00.000Z');
    expect(nextWeeklySlot(first.at, monday9('Europe/Berlin')).at.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    const spring = nextWeeklySlot(new Date('2027-03-10T12:00:00Z'), monday9('America/New_York'));
    expect(spring.at.toISOString()).toBe('2027-03-15T13:00:00.000Z');
  });

  it('is strictly after the instant given, so a slot just sent is not planned again', () => {
    const at = new Date('2026-12-07T08:00:00Z');
    expect(nextWeeklySlot(at, monday9('Europe/Berlin')).week).toBe('2026-12-14');
  });

  it('finds a slot still ahead in UTC when the local date is already the next day', () => {
    // Monday 2026-12-07 08:00 in Tokyo is still Sunday in UTC; 09:00 Tokyo is ahead.
    expect(nextWeeklySlot(new Date('2026-12-06T23:00:00Z'), monday9('Asia/Tokyo')).at.toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
  });
});

describe('the slot a late sweep sends', () => {
  const berlin = monday9('Europe/Berlin');

  it('is the planned one after a downtime of less than a week', () => {
    const planned = new Date('2026-12-07T08:00:00Z');
    expect(slotBeingSent(planned, new Date('2026-12-09T15:00:00Z'), berlin).week).toBe('2026-12-07');
  });

  it('is the latest week after a downtime of more than a week, not a week long gone', () => {
    const planned = new Date('2026-12-07T08:00:00Z');
    expect(slotBeingSent(planned, new Date('2026-12-23T10:00:00Z'), berlin).week).toBe('2026-12-21');
  });
});

describe('what a reminder lists', () => {
  const action = (dueDate: string, snoozedUntil: string | null = null) => ({ dueDate, snoozedUntil });

  it('groups by due: overdue, this week (today and the six days after), later', () => {
    const groups = groupByDue(
      [action('2026-12-01'), action('2026-12-07'), action('2026-12-13'), action('2026-12-14')],
      '2026-12-07',
    );
    expect(groups.overdue.map((a) => a.dueDate)).toEqual(['2026-12-01']);
    expect(groups.thisWeek.map((a) => a.dueDate)).toEqual(['2026-12-07', '2026-12-13']);
    expect(groups.later.map((a) => a.dueDate)).toEqual(['2026-12-14']);
  });

  it('leaves a snoozed action out until the week of its new date', () => {
    expect(isAwake(action('2026-12-24', '2026-12-24'), '2026-12-14')).toBe(false);
    expect(isAwake(action('2026-12-24', '2026-12-24'), '2026-12-21')).toBe(true);
    expect(isAwake(action('2026-12-24'), '2026-12-01')).toBe(true);
  });
});
