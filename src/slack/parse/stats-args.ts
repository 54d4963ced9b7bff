import { z } from 'zod';
import type { FirebreakConfig } from '../../config/firebreak-config.ts';
import { findSeverity } from '../../incidents/index.ts';
import { defaultPeriod, maxPeriodDays, type PeriodSpec, type StatsFilter } from '../../insights/index.ts';
import { parseLocalDate } from '../../platform/local-time.ts';

/** What `/incident stats …` asks for. */
export type StatsQuery = { spec: PeriodSpec; filter: StatsFilter };

export type StatsArgsProblemCode =
  | 'period_unknown'
  | 'period_too_long'
  | 'range_invalid'
  | 'range_backwards'
  | 'severity_unknown'
  | 'service_empty'
  | 'repeated';

export type StatsArgsParsed =
  | { ok: true; value: StatsQuery }
  | { ok: false; code: StatsArgsProblemCode; detail: string };

const days = /^(\d{1,4})([dw])$/i;
const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/**
 * Reads the words after `/incident stats`, in any order: at most one period (`30d`, `90d`, `12w`,
 * `quarter`, `2026-11-01..2026-11-30`), one severity (a name or alias) and one `service:name`; never throws.
 */
export function parseStatsArgs(text: string, config: FirebreakConfig): StatsArgsParsed {
  let spec: PeriodSpec | undefined;
  const filter: StatsFilter = {};
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    if (lower.startsWith('service:')) {
      const service = lower.slice('service:'.length);
      if (service === '') return { ok: false, code: 'service_empty', detail: word };
      if (filter.service !== undefined) return { ok: false, code: 'repeated', detail: word };
      filter.service = service;
      continue;
    }
    const period = periodOf(lower);
    if (period) {
      if (!period.ok) return period;
      if (spec) return { ok: false, code: 'repeated', detail: word };
      spec = period.value;
      continue;
    }
    const severity = findSeverity(config, word);
    if (severity) {
      if (filter.severity !== undefined) return { ok: false, code: 'repeated', detail: word };
      filter.severity = severity.name;
      continue;
    }
    return { ok: false, code: /^\d|\.\./.test(word) ? 'period_unknown' : 'severity_unknown', detail: word };
  }
  return { ok: true, value: { spec: spec ?? defaultPeriod, filter } };
}

type PeriodParsed = { ok: true; value: PeriodSpec } | { ok: false; code: StatsArgsProblemCode; detail: string };

function periodOf(word: string): PeriodParsed | undefined {
  if (word === 'quarter') return { ok: true, value: { kind: 'quarter' } };
  const count = days.exec(word);
  if (count) {
    const total = Number(count[1]) * ((count[2] as string) === 'w' ? 7 : 1);
    if (total < 1 || total > maxPeriodDays) return { ok: false, code: 'period_too_long', detail: word };
    return { ok: true, value: { kind: 'days', days: total } };
  }
  const dates = range.exec(word);
  if (!dates) return undefined;
  const [from, through] = [dates[1] as string, dates[2] as string];
  if (!isDate(from) || !isDate(through)) return { ok: false, code: 'range_invalid', detail: word };
  const span = (parseLocalDate(through) - parseLocalDate(from)) / 86_400_000 + 1;
  if (span < 1) return { ok: false, code: 'range_backwards', detail: word };
  if (span > maxPeriodDays) return { ok: false, code: 'period_too_long', detail: word };
  return { ok: true, value: { kind: 'range', from, through } };
}

function isDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

/** The query written back as the words parseStatsArgs reads: the Export CSV button carries it. */
export function formatStatsQuery(query: StatsQuery): string {
  const { spec, filter } = query;
  const period =
    spec.kind === 'days' ? `${spec.days}d` : spec.kind === 'quarter' ? 'quarter' : `${spec.from}..${spec.through}`;
  return [period, filter.severity, filter.service ? `service:${filter.service}` : undefined].filter(Boolean).join(' ');
}

/** The query an Export CSV button carries: never empty, and as short as formatStatsQuery writes it. */
export const statsButtonValue = z.string().min(1).max(200);
