import { z } from 'zod';

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, { error: 'must be a Slack user id such as U0123ABCD' });
const slackChannel = z.string().regex(/^([CG][A-Z0-9]{2,}|#?[a-z0-9_-]{1,80})$/, {
  error: 'must be a channel id (C0123…) or a channel name (#incidents)',
});
const identifier = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'must be lowercase letters, digits, - or _' });

const escalationContactSchema = z.strictObject({
  name: z.string().min(1),
  slack_user: slackUserId.optional(),
  note: z.string().optional(),
});

const severitySchema = z.strictObject({
  name: identifier,
  label: z.string().min(1).max(40).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  description: z.string().default(''),
  roles_required: z.array(identifier).default([]),
  update_cadence_minutes: z.number().int().positive().nullable().default(null),
  postmortem_required: z.boolean().default(false),
  // Counted apart from real incidents in stats and the digest; a severity named near-miss is one unless set false.
  near_miss: z.boolean().optional(),
  escalation: z.array(escalationContactSchema).default([]),
  responders: z.array(slackUserId).default([]),
});

const roleSchema = z.strictObject({
  id: identifier,
  name: z.string().min(1).max(60),
  description: z.string().default(''),
});

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

// A calendar date as people write it in YAML (unquoted 2026-12-25 stays a string under YAML 1.2).
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD', abort: true })
  .refine(isRealDate, { error: 'is not a real calendar date' });

// An extra person-blaming phrase to flag in postmortems: a plain phrase (matched as whole words,
// ignoring case) or a regular expression, with the rewording to suggest.
const blamelessPhraseSchema = z
  .strictObject({
    phrase: z.string().trim().min(1).optional(),
    pattern: z.string().min(1).refine(isValidPattern, { error: 'is not a valid regular expression' }).optional(),
    suggestion: z.string().trim().min(1),
  })
  .refine((entry) => (entry.phrase === undefined) !== (entry.pattern === undefined), {
    error: 'needs exactly one of phrase or pattern',
  });

export const firebreakConfigSchema = z
  .strictObject({
    severities: z.array(severitySchema).min(1, { error: 'needs at least one severity' }),
    default_severity: identifier.optional(),
    roles: z.array(roleSchema).min(1, { error: 'needs at least one role' }),
    commander_role: identifier.default('commander'),
    // Who is nudged when a stakeholder update is due (the commander when nobody holds it).
    comms_role: identifier.default('comms'),
    channels: z
      .strictObject({
        announcement: slackChannel.nullable().default('#incidents'),
        stakeholders: z.record(identifier, z.array(slackChannel)).default({}),
        name_pattern: z.string().min(1).default('inc-{{number}}-{{slug}}'),
        // Where actions overdue past actions.escalate_after_days are listed each week (none when unset).
        action_escalation: slackChannel.nullable().default(null),
      })
      .prefault({}),
    responders: z.array(slackUserId).default([]),
    timezone: z
      .string()
      .refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' })
      .default('UTC'),
    business_days: z.array(weekday).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    // Days off in `timezone`: not counted towards postmortem due dates, no due reminders sent.
    holidays: z.array(isoDate).default([]),
    reminders: z
      .strictObject({
        role_nudge_minutes: z.number().int().positive().default(10),
        archive_after_days: z.number().int().nonnegative().default(7),
        postmortem_due_business_days: z.number().int().positive().default(5),
        action_reminder_day: weekday.default('mon'),
        action_reminder_hour: z.number().int().min(0).max(23).default(9),
      })
      .prefault({}),
    actions: z
      .strictObject({
        // Days from creation to the default due date, per severity (PagerDuty's norms when unset).
        due_days: z.record(identifier, z.number().int().positive().max(365)).default({}),
        // A link for tracker keys, e.g. https://jira.example.com/browse/{{key}}.
        tracker_url: z
          .string()
          .regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL' })
          .refine((url) => url.includes('{{key}}'), { error: 'must contain {{key}}, where the tracker key goes' })
          .optional(),
        escalate_after_days: z.number().int().positive().default(7),
      })
      .prefault({}),
    slack: z
      .strictObject({
        // Slack's chat.postMessage cap per workspace; Firebreak spaces its posts to stay under it.
        post_message_per_minute: z.number().int().positive().max(100_000).default(100),
      })
      .prefault({}),
    digest: z
      .strictObject({
        // Where the weekly reliability digest is posted (none when unset).
        channel: slackChannel.nullable().default(null),
        // The day and hour (in `timezone`) it is posted, about the week (Monday to Sunday) before.
        day: weekday.default('mon'),
        hour: z.number().int().min(0).max(23).default(9),
      })
      .prefault({}),
    postmortem: z
      .strictObject({
        // A Markdown template to draft from instead of the built-in one (path, relative to the working directory).
        template: z.string().min(1).optional(),
        blameless_phrases: z.array(blamelessPhraseSchema).default([]),
        // The owner-local hour at which postmortem due reminders are sent.
        reminder_hour: z.number().int().min(0).max(23).default(10),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const roleIds = new Set(config.roles.map((role) => role.id));
    const seen = new Map<string, string>();
    config.severities.forEach((severity, index) => {
      severity.roles_required.forEach((role, roleIndex) => {
        if (!roleIds.has(role)) {
          ctx.addIssue({
            code: 'custom',
            path: ['severities', index, 'roles_required', roleIndex],
            message: `names role "${role}", which is not in roles (allowed: ${[...roleIds].join(', ')})`,
          });
        }
      });
      for (const key of [severity.name, ...severity.aliases].map(normaliseSeverityKey)) {
        const owner = seen.get(key);
        if (owner && owner !== severity.name) {
          ctx.addIssue({
            code: 'custom',
            path: ['severities', index, 'aliases'],
            message: `"${key}" already names severity ${owner}`,
          });
        }
        seen.set(key, severity.name);
      }
    });
    if (!roleIds.has(config.commander_role)) {
      ctx.addIssue({
        code: 'custom',
        path: ['commander_role'],
        message: `must be one of the roles (${[...roleIds].join(', ')})`,
      });
    }
    if (config.default_severity && !config.severities.some((s) => s.name === config.default_severity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['default_severity'],
        message: `must name one of the severities (${config.severities.map((s) => s.name).join(', ')})`,
      });
    }
    for (const name of Object.keys(config.actions.due_days)) {
      if (!config.severities.some((s) => s.name === name)) {
        ctx.addIssue({ code: 'custom', path: ['actions', 'due_days', name], message: 'is not a severity name' });
      }
    }
    for (const name of Object.keys(config.channels.stakeholders)) {
      if (!config.severities.some((s) => s.name === name)) {
        ctx.addIssue({ code: 'custom', path: ['channels', 'stakeholders', name], message: 'is not a severity name' });
      }
    }
  });

export type FirebreakConfig = z.output<typeof firebreakConfigSchema>;
export type SeverityConfig = FirebreakConfig['severities'][number];
export type RoleConfig = FirebreakConfig['roles'][number];
export type Weekday = z.output<typeof weekday>;
export type BlamelessPhraseConfig = FirebreakConfig['postmortem']['blameless_phrases'][number];

/** Lower-cases and strips spaces and dashes so "SEV 1", "sev-1" and "Sev1" compare equal. */
export function normaliseSeverityKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
}
