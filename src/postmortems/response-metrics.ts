import { formatDuration } from '../platform/durations.ts';

export { formatDuration };

/**
 * The response metrics of one incident, from its milestones (DOMAIN.md, "Metrics"): what the
 * postmortem's "Response metrics" section shows. Measured on the incident, never on a person.
 */
export type ResponseMilestones = {
  started: Date | null;
  detected: Date | null;
  declared: Date | null;
  acknowledged: Date | null;
  mitigated: Date | null;
  resolved: Date | null;
};
export type ResponseMilestone = keyof ResponseMilestones;

export type ResponseMetricId =
  | 'time_to_detect'
  | 'time_to_acknowledge'
  | 'time_to_mitigate'
  | 'time_to_restore'
  | 'time_to_restore_from_detection';

export type ResponseMetric = {
  id: ResponseMetricId;
  label: string;
  /** The formula and what it means, e.g. "detected − started: how long the impact ran before anyone knew". */
  definition: string;
  from: ResponseMilestone;
  to: ResponseMilestone;
  /** 'missing': a milestone is not set; 'inconsistent': `to` is before `from` (a back-dated milestone). */
  status: 'measured' | 'missing' | 'inconsistent';
  /** The duration; null unless measured (a negative duration is never reported as a number). */
  ms: number | null;
  /** The milestones to set before this can be measured, in the order they happen. */
  missing: ResponseMilestone[];
  /** What to show: "1h 05m", "unknown — set the *detected* milestone" or "check the milestones: …". */
  text: string;
};

const definitions: readonly Omit<ResponseMetric, 'status' | 'ms' | 'missing' | 'text'>[] = [
  {
    id: 'time_to_detect',
    label: 'Time to detect',
    from: 'started',
    to: 'detected',
    definition: 'detected − started: how long the impact ran before anyone knew',
  },
  {
    id: 'time_to_acknowledge',
    label: 'Time to acknowledge',
    from: 'declared',
    to: 'acknowledged',
    definition: 'acknowledged − declared: how long the declared incident waited for a responder',
  },
  {
    id: 'time_to_mitigate',
    label: 'Time to mitigate',
    from: 'detected',
    to: 'mitigated',
    definition: 'mitigated − detected: how long from knowing about the impact to stopping it',
  },
  {
    id: 'time_to_restore',
    label: 'Time to restore',
    from: 'started',
    to: 'resolved',
    definition: 'resolved − started: how long the impact lasted, from its start to resolution',
  },
  {
    id: 'time_to_restore_from_detection',
    label: 'Time to restore (from detection)',
    from: 'detected',
    to: 'resolved',
    definition: 'resolved − detected: how long from knowing about the impact to resolution',
  },
];

/** Every response metric, in a fixed order, each measured or saying exactly which milestone to fix. */
export function responseMetrics(milestones: ResponseMilestones): ResponseMetric[] {
  return definitions.map((definition) => {
    const start = milestones[definition.from];
    const end = milestones[definition.to];
    if (!start || !end) {
      const missing = [definition.from, definition.to].filter((name) => !milestones[name]);
      return { ...definition, status: 'missing', ms: null, missing, text: `unknown — ${setThe(missing)}` };
    }
    const ms = end.getTime() - start.getTime();
    if (ms < 0) {
      const text = `check the milestones: ${definition.to} is before ${definition.from}`;
      return { ...definition, status: 'inconsistent', ms: null, missing: [], text };
    }
    return { ...definition, status: 'measured', ms, missing: [], text: formatDuration(ms) };
  });
}

function setThe(missing: ResponseMilestone[]): string {
  const names = missing.map((name) => `*${name}*`);
  return names.length === 1 ? `set the ${names[0]} milestone` : `set the ${names.join(' and ')} milestones`;
}
