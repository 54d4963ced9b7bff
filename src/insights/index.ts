export { digestWeeks, lastTwelveWeekStarts } from './week-starts.ts';
export { renderWeeklyChart, type WeeklyChart } from './weekly-chart.ts';
export type { WeeklyChartInput, WeeklyChartWeek } from './weekly-chart-input.ts';
