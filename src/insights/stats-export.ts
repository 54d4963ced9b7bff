import { sql } from 'drizzle-orm';
import { csvDocument } from '../platform/csv.ts';
import { type Queryable, queryRows } from '../platform/db.ts';
import { localDateOf } from '../platform/local-time.ts';
import { incidentFilter, isNearMissSeverity, milestoneColumns } from './incident-sql.ts';
import type { StatsFilter } from './stats.ts';
import type { StatsPeriod } from './stats-period.ts';
import type { StatsRules } from './stats-repo.ts';

/** One incident of the period as the CSV shows it; a private one without its number, title or services. */
export type IncidentExportRow = {
  ref: string;
  title: string;
  severity: string;
  status: string;
  isPrivate: boolean;
  isDrill: boolean;
  isNearMiss: boolean;
  services: string[];
  declaredAt: Date;
  startedAt: Date | null;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  postmortemStatus: string | null;
  postmortemDueAt: Date | null;
  postmortemPublishedAt: Date | null;
  actions: { total: number; done: number; open: number; overdue: number; wontDo: number };
};

/** One action of the period's incidents; a private incident's without its text or incident. */
export type ActionExportRow = {
  ref: string;
  incidentRef: string;
  text: string;
  type: string;
  priority: string | null;
  ownerId: string;
  status: string;
  dueDate: string;
  createdAt: Date;
  closedAt: Date | null;
  closedOnTime: boolean | null;
  trackerKey: string | null;
};

type Params = { teamId: string; period: StatsPeriod; filter: StatsFilter; now: Date; rules: StatsRules };

const at = (value: unknown) => (value === null || value === undefined ? null : new Date(String(value)));

/** The period's incidents (drills and near-misses flagged) with milestones, postmortem and action figures. */
export async function listIncidentExportRows(db: Queryable, params: Params): Promise<IncidentExportRow[]> {
  const { teamId, period, filter, rules } = params;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT i.number, i.title, i.severity, i.status, i.is_private, i.is_drill, i.services, i.declared_at, i.started_at,
        ${isNearMissSeverity(rules.nearMissSeverities)} AS is_near_miss,
        m.detected, m.acknowledged, m.mitigated, COALESCE(m.resolved, i.resolved_at) AS resolved,
        p.status AS postmortem_status, p.due_at AS postmortem_due_at, p.first_published_at AS postmortem_published_at,
        COALESCE(a.total, 0) AS actions_total, COALESCE(a.done, 0) AS actions_done, COALESCE(a.open, 0) AS actions_open,
        COALESCE(a.overdue, 0) AS actions_overdue, COALESCE(a.wont_do, 0) AS actions_wont_do
      FROM incidents i
      ${milestoneColumns}
      LEFT JOIN postmortems p ON p.team_id = i.team_id AND p.incident_id = i.id
      LEFT JOIN LATERAL (
        SELECT count(*) AS total, count(*) FILTER (WHERE x.status = 'done') AS done,
          count(*) FILTER (WHERE x.status = 'open') AS open,
          count(*) FILTER (WHERE x.status = 'open' AND x.due_date < ${localDateOf(params.now, rules.timeZone)}) AS overdue,
          count(*) FILTER (WHERE x.status = 'wont_do') AS wont_do
        FROM actions x WHERE x.team_id = i.team_id AND x.incident_id = i.id
      ) a ON true
      WHERE i.team_id = ${teamId} AND i.declared_at >= ${period.fromAt.toISOString()}::timestamptz
        AND i.declared_at < ${period.toAt.toISOString()}::timestamptz
        AND ${incidentFilter(filter)}
      ORDER BY i.declared_at, i.number`,
  );
  return rows.map((row) => {
    const isPrivate = Boolean(row.is_private);
    return {
      ref: isPrivate ? '' : `INC-${row.number}`,
      title: isPrivate ? '' : String(row.title),
      severity: String(row.severity),
      status: String(row.status),
      isPrivate,
      isDrill: Boolean(row.is_drill),
      isNearMiss: Boolean(row.is_near_miss) && !row.is_drill,
      services: isPrivate ? [] : (row.services as string[]),
      declaredAt: at(row.declared_at) as Date,
      startedAt: at(row.started_at),
      detectedAt: at(row.detected),
      acknowledgedAt: at(row.acknowledged),
      mitigatedAt: at(row.mitigated),
      resolvedAt: at(row.resolved),
      postmortemStatus: row.postmortem_status === null ? null : String(row.postmortem_status),
      postmortemDueAt: at(row.postmortem_due_at),
      postmortemPublishedAt: at(row.postmortem_published_at),
      actions: {
        total: Number(row.actions_total),
        done: Number(row.actions_done),
        open: Number(row.actions_open),
        overdue: Number(row.actions_overdue),
        wontDo: Number(row.actions_wont_do),
      },
    };
  });
}

/** The actions of the period's incidents, in incident then action order. */
export async function listActionExportRows(db: Queryable, params: Params): Promise<ActionExportRow[]> {
  const { teamId, period, filter, rules } = params;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT a.number, a.text, a.type, a.priority, a.owner_id, a.status, a.due_date, a.created_at, a.closed_at,
        a.tracker_key, i.number AS incident_number, i.is_private,
        a.closed_at < ((a.due_date::date + 1)::timestamp AT TIME ZONE ${rules.timeZone}) AS on_time
      FROM actions a JOIN incidents i ON i.team_id = a.team_id AND i.id = a.incident_id
      WHERE a.team_id = ${teamId} AND i.declared_at >= ${period.fromAt.toISOString()}::timestamptz
        AND i.declared_at < ${period.toAt.toISOString()}::timestamptz
        AND ${incidentFilter(filter)}
      ORDER BY i.declared_at, i.number, a.number`,
  );
  return rows.map((row) => {
    const isPrivate = Boolean(row.is_private);
    return {
      ref: `ACT-${row.number}`,
      incidentRef: isPrivate ? '' : `INC-${row.incident_number}`,
      text: isPrivate ? '' : String(row.text),
      type: String(row.type),
      priority: row.priority === null ? null : String(row.priority),
      ownerId: isPrivate ? '' : String(row.owner_id),
      status: String(row.status),
      dueDate: String(row.due_date),
      createdAt: at(row.created_at) as Date,
      closedAt: at(row.closed_at),
      closedOnTime: row.status === 'done' ? Boolean(row.on_time) : null,
      trackerKey: row.tracker_key === null ? null : String(row.tracker_key),
    };
  });
}

const iso = (date: Date | null) => (date ? date.toISOString() : '');
const minutesBetween = (from: Date | null, to: Date | null) =>
  from && to && to >= from ? ((to.getTime() - from.getTime()) / 60_000).toFixed(1) : '';
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * The incidents CSV: one row per incident with milestones (UTC, ISO 8601), the response times in
 * minutes (blank when not measured), and postmortem and action figures; formula-like cells defused.
 */
export function incidentsCsv(rows: readonly IncidentExportRow[]): string {
  const header = [
    'incident',
    'title',
    'severity',
    'status',
    'private',
    'drill',
    'near_miss',
    'services',
    'declared_at',
    'started_at',
    'detected_at',
    'acknowledged_at',
    'mitigated_at',
    'resolved_at',
    'time_to_detect_min',
    'time_to_acknowledge_min',
    'time_to_mitigate_min',
    'time_to_restore_min',
    'time_to_restore_from_detection_min',
    'postmortem_status',
    'postmortem_due_at',
    'postmortem_published_at',
    'postmortem_on_time',
    'actions',
    'actions_done',
    'actions_open',
    'actions_overdue',
    'actions_wont_do',
  ];
  return csvDocument([
    header,
    ...rows.map((row) => [
      row.ref,
      row.title,
      row.severity,
      row.status,
      yesNo(row.isPrivate),
      yesNo(row.isDrill),
      yesNo(row.isNearMiss),
      row.services.join(' '),
      iso(row.declaredAt),
      iso(row.startedAt),
      iso(row.detectedAt),
      iso(row.acknowledgedAt),
      iso(row.mitigatedAt),
      iso(row.resolvedAt),
      minutesBetween(row.startedAt, row.detectedAt),
      minutesBetween(row.declaredAt, row.acknowledgedAt),
      minutesBetween(row.detectedAt, row.mitigatedAt),
      minutesBetween(row.startedAt, row.resolvedAt),
      minutesBetween(row.detectedAt, row.resolvedAt),
      row.postmortemStatus ?? '',
      iso(row.postmortemDueAt),
      iso(row.postmortemPublishedAt),
      row.postmortemDueAt && row.postmortemPublishedAt ? yesNo(row.postmortemPublishedAt <= row.postmortemDueAt) : '',
      String(row.actions.total),
      String(row.actions.done),
      String(row.actions.open),
      String(row.actions.overdue),
      String(row.actions.wontDo),
    ]),
  ]);
}

/** The actions CSV: one row per action; closed_on_time is blank unless it was done. */
export function actionsCsv(rows: readonly ActionExportRow[]): string {
  const header = [
    'action',
    'incident',
    'text',
    'type',
    'priority',
    'owner',
    'status',
    'due_date',
    'created_at',
    'closed_at',
    'closed_on_time',
    'tracker',
  ];
  return csvDocument([
    header,
    ...rows.map((row) => [
      row.ref,
      row.incidentRef,
      row.text,
      row.type,
      row.priority ?? '',
      row.ownerId,
      row.status,
      row.dueDate,
      iso(row.createdAt),
      iso(row.closedAt),
      row.closedOnTime === null ? '' : yesNo(row.closedOnTime),
      row.trackerKey ?? '',
    ]),
  ]);
}
