import { describe, expect, it } from 'vitest';
import { digestedWeekStart, latestDigestSlot, mondayOf, nextDigestSlot } from '../../src/insights/index.ts';

const monday9Berlin = { day: 'mon', hour: 9, timeZone: 'Europe/Berlin' } as const;

describe('the week a digest is about', () => {
  it('is the Monday-to-Sunday week just ended when posted on a Monday', () => {
    expect(digestedWeekStart('2026-11-30')).toBe('2026-11-23');
  });

  it('is the last complete week when posted mid-week or on a Sunday', () => {
    expect(digestedWeekStart('2026-12-02')).toBe('2026-11-23');
    // Sunday 2026-12-06: its own week is not over yet.
    expect(digestedWeekStart('2026-12-06')).toBe('2026-11-23');
  });

  it('finds the Monday on or before a date', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
});

describe('the digest slot', () => {
  it('is the configured weekday and hour on the configured zone’s wall clock', () => {
    // Berlin is on CET (UTC+1) in late November.
    expect(nextDigestSlot(new Date('2026-11-25T12:00:00Z'), monday9Berlin).at.toISOString()).toBe(
      '2026-11-30T08:00:00.000Z',
    );
  });

  it('stands for the slot just passed when run on time', () => {
    const slot = latestDigestSlot(new Date('2026-11-30T08:00:05Z'), monday9Berlin);
    expect(slot.week).toBe('2026-11-30');
    expect(digestedWeekStart(slot.week)).toBe('2026-11-23');
  });

  it('stands for the most recent slot only after a downtime of several weeks', () => {
    // Down from before Monday 2026-11-09 until Thursday 2026-12-03: the slots of 11-09 … 11-30 were missed.
    const slot = latestDigestSlot(new Date('2026-12-03T10:00:00Z'), monday9Berlin);
    expect(slot.week).toBe('2026-11-30');
    expect(digestedWeekStart(slot.week)).toBe('2026-11-23');
  });

  it('is not yet this week’s slot an hour before it', () => {
    expect(latestDigestSlot(new Date('2026-11-30T07:00:00Z'), monday9Berlin).week).toBe('2026-11-23');
  });

  it('stays at 09:00 local across a daylight-saving change', () => {
    // Berlin goes from CEST to CET on Sunday 2026-10-25.
    expect(nextDigestSlot(new Date('2026-10-20T00:00:00Z'), monday9Berlin).at.toISOString()).toBe(
      '2026-10-26T08:00:00.000Z',
    );
    expect(latestDigestSlot(new Date('2026-10-26T07:30:00Z'), monday9Berlin).at.toISOString()).toBe(
      '2026-10-19T07:00:00.000Z',
    );
  });
});
