import { compile } from 'vega-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lastTwelveWeekStarts, renderWeeklyChart, type WeeklyChartInput } from '../../src/insights/index.ts';
import { weeklyChartSpec } from '../../src/insights/weekly-chart-spec.ts';

const severities = [
  { name: 'sev1', label: 'SEV1' },
  { name: 'sev2', label: 'SEV2' },
  { name: 'sev3', label: 'SEV3' },
];
const starts = [
  '2026-09-07',
  '2026-09-14',
  '2026-09-21',
  '2026-09-28',
  '2026-10-05',
  '2026-10-12',
  '2026-10-19',
  '2026-10-26',
  '2026-11-02',
  '2026-11-09',
  '2026-11-16',
  '2026-11-23',
];
const minutes = (count: number) => count * 60_000;
// 23 incidents (sev1 4, sev2 9, sev3 10); the week of 5 Oct is busiest with 5; restore from 25m to 3h 10m.
const counts: Array<Record<string, number>> = [
  { sev1: 1, sev2: 1 },
  { sev2: 1, sev3: 1 },
  {},
  { sev3: 2 },
  { sev1: 2, sev2: 2, sev3: 1 },
  { sev2: 1 },
  { sev3: 2 },
  { sev2: 2, sev3: 1 },
  { sev1: 1 },
  { sev3: 1 },
  { sev2: 1, sev3: 1 },
  { sev2: 1, sev3: 1 },
];
const restores = [25, 40, null, 60, 190, 30, 45, 75, null, 50, 35, 55];
const known: WeeklyChartInput = {
  severities,
  weeks: starts.map((weekStart, index) => ({
    weekStart,
    bySeverity: counts[index] ?? {},
    medianRestoreMs: restores[index] == null ? null : minutes(restores[index] as number),
  })),
};
const empty: WeeklyChartInput = {
  severities,
  weeks: starts.map((weekStart) => ({ weekStart, bySeverity: {}, medianRestoreMs: null })),
};

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const axisLabels = (svg: string) => [...svg.matchAll(/>([A-Z][a-z]{2} \d{1,2})<\/text>/g)].map((match) => match[1]);

describe('the weekly chart', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a PNG whose header size is the returned size, twice 800×360', async () => {
    const chart = await renderWeeklyChart(known);
    expect([...chart.png.subarray(0, 8)]).toEqual(signature);
    expect(chart.png.toString('latin1', 12, 16)).toBe('IHDR');
    expect({ width: chart.png.readUInt32BE(16), height: chart.png.readUInt32BE(20) }).toEqual({
      width: chart.width,
      height: chart.height,
    });
    expect({ width: chart.width, height: chart.height }).toEqual({ width: 1600, height: 720 });
    expect(chart.svg).toMatch(/^<svg[^>]* width="800" height="360"/);
  });

  it('labels every week on the x axis by its Monday', async () => {
    const chart = await renderWeeklyChart(known);
    expect(axisLabels(chart.svg)).toEqual(expect.arrayContaining(['Sep 7', 'Oct 5', 'Nov 2', 'Nov 23']));
    expect(new Set(axisLabels(chart.svg)).size).toBe(12);
  });

  it('names both axes, in minutes while every restore is under two hours', async () => {
    const chart = await renderWeeklyChart(known);
    expect(chart.svg).toContain('>Incidents</text>');
    expect(chart.svg).toContain('>Median time to restore (h)</text>');
    const quick = { ...known, weeks: known.weeks.map((week) => ({ ...week, medianRestoreMs: minutes(20) })) };
    expect((await renderWeeklyChart(quick)).svg).toContain('>Median time to restore (min)</text>');
  });

  it('still draws twelve weeks when there were no incidents and no restores', async () => {
    const chart = await renderWeeklyChart(empty);
    expect(chart.width).toBe(1600);
    expect(new Set(axisLabels(chart.svg)).size).toBe(12);
    expect(chart.svg).not.toContain('aria-roledescription="point"');
    expect(chart.altText).toBe(
      'Incidents per week by severity and median time to restore, 12 weeks from 7 Sep to 23 Nov 2026: ' +
        'no incidents; median time to restore not measured in any week.',
    );
  });

  it('describes the data in its alt text', async () => {
    const chart = await renderWeeklyChart(known);
    expect(chart.altText).toBe(
      'Incidents per week by severity and median time to restore, 12 weeks from 7 Sep to 23 Nov 2026: ' +
        '23 incidents in all (SEV1 4, SEV2 9, SEV3 10); busiest week 5 Oct with 5; ' +
        'median time to restore ranged from 25m to 3h 10m, not measured in 2 weeks.',
    );
    expect(chart.altText.length).toBeLessThanOrEqual(1000);
  });

  it('names every busiest week when several tie', async () => {
    const tied = { ...known, weeks: known.weeks.map((week) => ({ ...week, bySeverity: { sev2: 1 } })) };
    expect((await renderWeeklyChart(tied)).altText).toContain(
      'busiest weeks 7 Sep, 14 Sep, 21 Sep and 9 more with 1 each',
    );
    const two = { ...known, weeks: known.weeks.slice(0, 2) };
    expect((await renderWeeklyChart(two)).altText).toContain(
      '(SEV1 1, SEV2 2, SEV3 1); busiest weeks 7 Sep and 14 Sep with 2 each',
    );
  });

  it('names the year of both ends when the weeks span a new year', async () => {
    const weeks = ['2026-12-28', '2027-01-04'].map((weekStart) => ({
      weekStart,
      bySeverity: {},
      medianRestoreMs: null,
    }));
    const chart = await renderWeeklyChart({ severities, weeks });
    expect(chart.altText).toContain('2 weeks from 28 Dec 2026 to 4 Jan 2027');
  });

  it('leaves a gap in the restore line for a week without a measurement, not a point at zero', async () => {
    const { svg } = await renderWeeklyChart(known);
    const points = [...svg.matchAll(/aria-label="([^"]*)"[^>]*aria-roledescription="point"/g)].map((match) => match[1]);
    expect(points).toHaveLength(10);
    expect(points.some((label) => label?.includes('week: Sep 21;') || label?.includes('week: Nov 2;'))).toBe(false);
    const line = /aria-roledescription="line mark" d="([^"]*)"/.exec(svg)?.[1] ?? '';
    // Three runs of measured weeks: Sep 7–14, Sep 28–Oct 26, Nov 9–23.
    expect(line.match(/M/g)).toHaveLength(3);
  });

  it('keeps each severity its colour by order, whatever the data', async () => {
    const colourOf = (svg: string, label: string) =>
      new RegExp(`aria-label="[^"]*severity: ${label};[^"]*"[^>]*fill="(#[0-9a-f]{6})"`).exec(svg)?.[1];
    const { svg } = await renderWeeklyChart(known);
    const onlySev3 = { ...known, weeks: known.weeks.map((week) => ({ ...week, bySeverity: { sev3: 1 } })) };
    expect(colourOf(svg, 'SEV1')).toBe('#b3261e');
    expect(colourOf(svg, 'SEV3')).toBe('#f4b400');
    expect(colourOf((await renderWeeklyChart(onlySev3)).svg, 'SEV3')).toBe('#f4b400');
  });

  it('writes a severity label with markup in it as escaped text', async () => {
    const odd = [{ name: 'sev1', label: 'Sev <script>alert(1)</script> & "co"' }, ...severities.slice(1)];
    const { svg, png } = await renderWeeklyChart({ ...known, severities: odd, title: 'Ops & <b>SRE</b>' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('>Sev &lt;script&gt;alert(1)&lt;/script&gt; &amp; "co"</text>');
    expect(svg).toContain('Ops &amp; &lt;b&gt;SRE&lt;/b&gt;');
    expect([...png.subarray(0, 8)]).toEqual(signature);
  });

  it('names no URL in its spec and fetches nothing while rendering', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in the chart')));
    vi.stubGlobal('fetch', fetch);
    const { $schema: _schema, ...vegaSpec } = compile(weeklyChartSpec(known)).spec;
    expect(JSON.stringify(weeklyChartSpec(known))).not.toMatch(/https?:|"url"/);
    expect(JSON.stringify(vegaSpec)).not.toMatch(/https?:|"url"/);
    await renderWeeklyChart(known);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    [{ ...known, weeks: known.weeks.slice(1).concat(known.weeks.slice(0, 1)) }, /consecutive/],
    [{ ...known, weeks: [{ weekStart: '2026-11-03', bySeverity: {}, medianRestoreMs: null }] }, /Monday/],
    [{ ...known, weeks: [{ weekStart: '2026-11-02', bySeverity: { sev9: 1 }, medianRestoreMs: null }] }, /sev9/],
    [{ ...known, weeks: [{ weekStart: '2026-11-02', bySeverity: { sev1: -1 }, medianRestoreMs: null }] }, /≥ 0/],
    [{ ...known, severities: [severities[0], severities[0]] }, /distinct/],
    [{ ...known, weeks: [] }, /1 to 52 weeks/],
  ] as Array<[WeeklyChartInput, RegExp]>)(
    'refuses input it cannot draw, saying what to fix (%#)',
    async (input, message) => {
      await expect(renderWeeklyChart(input)).rejects.toThrow(message);
    },
  );
});

describe('the last twelve week starts', () => {
  it('are the twelve Mondays before the week that contains now, oldest first', () => {
    expect(lastTwelveWeekStarts(new Date('2026-12-03T14:00:00Z'), 'Europe/Berlin')).toEqual([
      '2026-09-07',
      '2026-09-14',
      '2026-09-21',
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
  });

  it('stay Mondays seven days apart across a daylight-saving change', () => {
    // Berlin leaves summer time on 25 Oct 2026; New York on 1 Nov 2026.
    for (const zone of ['Europe/Berlin', 'America/New_York']) {
      const weeks = lastTwelveWeekStarts(new Date('2026-11-18T12:00:00Z'), zone);
      expect(weeks[0]).toBe('2026-08-24');
      expect(weeks.at(-1)).toBe('2026-11-09');
      expect(weeks.every((week) => new Date(`${week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    }
    // And entering summer time, 29 Mar 2026 in Berlin.
    expect(lastTwelveWeekStarts(new Date('2026-04-08T12:00:00Z'), 'Europe/Berlin').slice(-3)).toEqual([
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
  });

  it('count the week in the zone, not in UTC', () => {
    // Monday 7 Dec 2026 08:00 in Tokyo is still Sunday 6 Dec in UTC.
    const now = new Date('2026-12-06T23:00:00Z');
    expect(lastTwelveWeekStarts(now, 'Asia/Tokyo').at(-1)).toBe('2026-11-30');
    expect(lastTwelveWeekStarts(now, 'UTC').at(-1)).toBe('2026-11-23');
  });

  it('treat Monday just after local midnight as the new week', () => {
    const now = new Date('2026-11-29T23:30:00Z'); // 00:30 on Monday 30 Nov in Berlin
    expect(lastTwelveWeekStarts(now, 'Europe/Berlin').at(-1)).toBe('2026-11-23');
    expect(lastTwelveWeekStarts(now, 'America/New_York').at(-1)).toBe('2026-11-16');
  });

  it('refuses an unknown time zone by name', () => {
    expect(() => lastTwelveWeekStarts(new Date('2026-12-03T14:00:00Z'), 'Mars/Olympus')).toThrow(
      'unknown time zone "Mars/Olympus"',
    );
  });
});
