import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupByDue, isAwake, nextWeeklySlot, slotBeingSent } from '../../src/actions/index.ts';

const monday9 = (timeZone: string) => ({ day: 'mon' as const, hour: 9, timeZone });

describe('nextWeeklySlot', () => {
  it('is Monday 09:00 on each owner’s own wall clock', () => {
    const after = new Date('2026-12-05T12:00:00Z'); // a Saturday
    expect(nextWeeklySlot(after, monday9('Asia/Tokyo'))).toEqual({
      at: new Date('2026-12-07T00:00:00Z'),
      week: '2026-12-07',
    });
    expect(nextWeeklySlot(after, monday9('Europe/Berlin')).at).toEqual(new Date('2026-12-07T08:00:00Z'));
    expect(nextWeeklySlot(after, monday9('America/New_York')).at).toEqual(new Date('2026-12-07T14:00:00Z'));
  });

  it('is next week’s once this week’s hour has passed', () => {
    const slot = nextWeeklySlot(new Date('2026-12-07T08:00:00Z'), monday9('Europe/Berlin'));
    expect(slot).toEqual({ at: new Date('2026-12-14T08:00:00Z'), week: '2026-12-14' });
  });

  it('is strictly after the instant given, so a reminder sent at its hour plans the next week', () => {
    const at = new Date('2026-12-07T00:00:00Z');
    expect(nextWeeklySlot(at, monday9('Asia/Tokyo')).week).toBe('2026-12-14');
  });

  it('keeps 09:00 local across the spring daylight-saving change in Berlin', () => {
    // Clocks go forward on Sunday 29 March 2026: 09:00 CET is 08:00Z before, 09:00 CEST is 07:00Z after.
    expect(nextWeeklySlot(new Date('2026-03-21T00:00:00Z'), monday9('Europe/Berlin')).at).toEqual(
      new Date('2026-03-23T08:00:00Z'),
    );
    expect(nextWeeklySlot(new Date('2026-03-28T00:00:00Z'), monday9('Europe/Berlin')).at).toEqual(
      new Date('2026-03-30T07:00:00Z'),
    );
  });

  it('keeps 09:00 local across the autumn change in New York', () => {
    // Clocks go back on Sunday 1 November 2026: EDT (UTC-4) before, EST (UTC-5) after.
    expect(nextWeeklySlot(new Date('2026-10-27T00:00:00Z'), monday9('America/New_York')).at).toEqual(
      new Date('2026-11-02T14:00:00Z'),
    );
    expect(nextWeeklySlot(new Date('2026-10-20T00:00:00Z'), monday9('America/New_York')).at).toEqual(
      new Date('2026-10-26T13:00:00Z'),
    );
  });

  it('finds the slot when the owner’s date is already a day ahead of UTC', () => {
    // Sunday 20:00Z is Monday 05:00 in Tokyo: the slot is four hours later, that same Monday.
    expect(nextWeeklySlot(new Date('2026-12-06T20:00:00Z'), monday9('Asia/Tokyo')).at).toEqual(
      new Date('2026-12-07T00:00:00Z'),
    );
  });

  it('is always on the weekday and hour asked, within a week, in any zone', () => {
    const zones = ['UTC', 'Asia/Tokyo', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom('mon', 'wed', 'fri', 'sun'),
        fc.integer({ min: 0, max: 23 }),
        (after, timeZone, day, hour) => {
          const slot = nextWeeklySlot(after, { day: day as 'mon', hour, timeZone });
          const gap = slot.at.getTime() - after.getTime();
          expect(gap).toBeGreaterThan(0);
          expect(gap).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
          const weekday = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(slot.at);
          expect(weekday.toLowerCase().slice(0, 3)).toBe(day);
        },
      ),
    );
  });
});

describe('slotBeingSent', () => {
  const schedule = monday9('Europe/Berlin');

  it('is the planned slot when sent late within its week (downtime over the hour)', () => {
    const planned = new Date('2026-12-07T08:00:00Z');
    expect(slotBeingSent(planned, new Date('2026-12-08T10:00:00Z'), schedule)).toEqual({
      at: planned,
      week: '2026-12-07',
    });
  });

  it('is the latest slot when the downtime lasted more than a week', () => {
    const planned = new Date('2026-12-07T08:00:00Z');
    expect(slotBeingSent(planned, new Date('2026-12-22T10:00:00Z'), schedule).week).toBe('2026-12-21');
  });
});

describe('groupByDue and isAwake', () => {
  it('groups overdue, due within the next seven days, and later', () => {
    const actions = [
      { dueDate: '2026-12-01' },
      { dueDate: '2026-12-07' },
      { dueDate: '2026-12-13' },
      { dueDate: '2026-12-14' },
    ];
    expect(groupByDue(actions, '2026-12-07')).toEqual({
      overdue: [{ dueDate: '2026-12-01' }],
      thisWeek: [{ dueDate: '2026-12-07' }, { dueDate: '2026-12-13' }],
      later: [{ dueDate: '2026-12-14' }],
    });
  });

  it('keeps a snoozed action out until the week of its new date', () => {
    expect(isAwake({ snoozedUntil: '2026-12-20' }, '2026-12-07')).toBe(false);
    expect(isAwake({ snoozedUntil: '2026-12-20' }, '2026-12-14')).toBe(true);
    expect(isAwake({ snoozedUntil: null }, '2026-12-07')).toBe(true);
  });
});
