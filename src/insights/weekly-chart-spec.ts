import type { TopLevelSpec } from 'vega-lite';
import { axisDate } from './week-labels.ts';
import { type WeeklyChartInput, weekTotal } from './weekly-chart-input.ts';

/** The chart's size in CSS pixels, padding, title and legend included. */
export const chartWidth = 800;
export const chartHeight = 360;

// Most severe first: reds to blues, so the worst week reads at a glance; beyond six, the colours repeat.
const severityColours = ['#b3261e', '#e8710a', '#f4b400', '#1a73e8', '#5f6368', '#9aa0a6'];
const restoreColour = '#202124';
const hourMs = 3_600_000;
const minuteMs = 60_000;

/** The unit the restore line is drawn in: minutes while every measured week is under two hours. */
export function restoreUnit(input: WeeklyChartInput): 'minutes' | 'hours' {
  const measured = input.weeks.flatMap((week) => (week.medianRestoreMs === null ? [] : [week.medianRestoreMs]));
  return measured.every((ms) => ms < 2 * hourMs) ? 'minutes' : 'hours';
}

/**
 * The Vega-Lite spec of the weekly chart: stacked incident bars per severity on the left axis and the
 * median time to restore as a line on the right. Every week is on the x axis even with no incidents;
 * a week without a measured restore leaves a gap in the line. All config text (severity labels,
 * title) travels as data or plain text values, never inside an expression, and the spec names no
 * URL, so compiling and rendering it reads nothing from outside.
 */
export function weeklyChartSpec(input: WeeklyChartInput): TopLevelSpec {
  const weeks = input.weeks.map((week) => axisDate(week.weekStart));
  const labels = input.severities.map((severity) => severity.label);
  const unit = restoreUnit(input);
  const bars = input.weeks.flatMap((week, index) =>
    input.severities.map((severity, rank) => ({
      week: weeks[index],
      severity: severity.label,
      rank,
      count: week.bySeverity[severity.name] ?? 0,
    })),
  );
  const line = input.weeks.map((week, index) => ({
    week: weeks[index],
    restore: week.medianRestoreMs === null ? null : week.medianRestoreMs / (unit === 'hours' ? hourMs : minuteMs),
  }));
  const busiest = Math.max(0, ...input.weeks.map(weekTotal));
  const measured = line.some((point) => point.restore !== null);
  const x = {
    field: 'week',
    type: 'ordinal',
    sort: null,
    scale: { domain: weeks },
    axis: { title: 'Week starting', labelAngle: 0 },
  } as const;
  return {
    width: chartWidth,
    height: chartHeight,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 12,
    background: 'white',
    title: { text: input.title ?? 'Incidents and time to restore, by week', anchor: 'start', fontSize: 16 },
    config: {
      font: 'sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', labelColor: '#3c4043' },
      legend: {
        labelFontSize: 12,
        orient: 'top',
        direction: 'horizontal',
        title: null,
        symbolType: 'square',
        labelLimit: 400,
      },
    },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', width: { band: 0.7 } },
        encoding: {
          x,
          y: {
            field: 'count',
            type: 'quantitative',
            stack: 'zero',
            // With no incidents at all the scale would collapse to a point; keep one step of axis.
            scale: busiest === 0 ? { domain: [0, 1] } : { domainMin: 0, nice: true },
            axis: { title: 'Incidents', tickMinStep: 1, format: 'd' },
          },
          color: { field: 'severity', type: 'nominal', scale: { domain: labels, range: severityColours } },
          order: { field: 'rank', type: 'quantitative', sort: 'ascending' },
        },
      },
      {
        data: { values: line },
        mark: {
          type: 'line',
          color: restoreColour,
          strokeWidth: 2,
          point: { filled: true, size: 40, color: restoreColour },
          // A week with no measurement breaks the line rather than joining its neighbours or dropping to zero.
          invalid: 'break-paths-show-domains',
        },
        encoding: {
          x,
          y: {
            field: 'restore',
            type: 'quantitative',
            scale: measured ? { domainMin: 0, nice: true } : { domain: [0, 1] },
            axis: {
              title: `Median time to restore (${unit === 'hours' ? 'h' : 'min'})`,
              orient: 'right',
              titleColor: restoreColour,
              // Numbers on an axis with nothing on it would read as a measurement.
              labels: measured,
              ticks: measured,
            },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
