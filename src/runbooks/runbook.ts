import { z } from 'zod';
import type { ServiceDeps } from '../platform/deps.ts';

const identifier = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'must be lowercase letters, digits, - or _' });

// A branch continues at `goto`; the steps it jumps over, and any it lists in `skip`, are not needed.
// YAML reads `500` as a number; a tag or service name is text either way.
const word = z.union([z.string().min(1), z.number()]).transform(String);

const branchSchema = z.strictObject({
  label: z.string().min(1).max(60),
  goto: identifier,
  skip: z.array(identifier).default([]),
});

const stepSchema = z.strictObject({
  id: identifier,
  title: z.string().min(1).max(150),
  detail: z.string().max(2500).default(''),
  decision: z.array(branchSchema).min(2, { error: 'a decision needs at least two branches' }).max(5).optional(),
});

export const runbookSchema = z
  .strictObject({
    name: identifier,
    title: z.string().min(1).max(100),
    description: z.string().max(500).default(''),
    applies_to: z
      .strictObject({
        services: z.array(word).default([]),
        severities: z.array(identifier).default([]),
        tags: z.array(word).default([]),
      })
      .prefault({}),
    steps: z.array(stepSchema).min(1, { error: 'needs at least one step' }).max(20),
    verification: z
      .strictObject({ title: z.string().min(1).max(150), detail: z.string().max(2500).default('') })
      .optional(),
  })
  .superRefine((runbook, ctx) => {
    const positions = new Map(runbook.steps.map((step, index) => [step.id, index]));
    runbook.steps.forEach((step, index) => {
      if (positions.get(step.id) !== index)
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `step id "${step.id}" is used twice` });
      step.decision?.forEach((branch, branchIndex) => {
        const target = positions.get(branch.goto);
        if (target === undefined || target <= index) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', index, 'decision', branchIndex, 'goto'],
            message: `must name a later step (one of: ${
              runbook.steps
                .slice(index + 1)
                .map((s) => s.id)
                .join(', ') || 'none'
            })`,
          });
        }
        branch.skip.forEach((id, skipIndex) => {
          const skipped = positions.get(id);
          if (skipped === undefined || skipped <= index)
            ctx.addIssue({
              code: 'custom',
              path: ['steps', index, 'decision', branchIndex, 'skip', skipIndex],
              message: `"${id}" is not a later step`,
            });
        });
      });
    });
    if (runbook.verification && positions.has(verifyStepId))
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: `"${verifyStepId}" is reserved for the verification step`,
      });
  });

export type Runbook = z.output<typeof runbookSchema>;

/** The runbook schema, also refusing severities that the loaded configuration does not define. */
export function runbookSchemaFor(severityNames: readonly string[]) {
  return runbookSchema.superRefine((runbook, ctx) => {
    runbook.applies_to.severities.forEach((severity, index) => {
      if (!severityNames.includes(severity))
        ctx.addIssue({
          code: 'custom',
          path: ['applies_to', 'severities', index],
          message: `"${severity}" is not a severity (known: ${severityNames.join(', ')})`,
        });
    });
  });
}

/** What runbook services need: the shared deps and the runbook library loaded at start-up. */
export type RunbookDeps = ServiceDeps & { runbooks?: Runbook[] };

/** One checklist step of a run; the verification becomes the last step. */
export type RunbookStep = {
  id: string;
  title: string;
  detail: string;
  decision?: Array<{ label: string; goto: string; skip: string[] }>;
  verification?: boolean;
};

export const verifyStepId = 'verify';

/** The ordered checklist a run of this runbook walks through. */
export function runbookSteps(runbook: Runbook): RunbookStep[] {
  const steps: RunbookStep[] = runbook.steps.map((step) => ({
    id: step.id,
    title: step.title,
    detail: step.detail,
    ...(step.decision ? { decision: step.decision } : {}),
  }));
  if (runbook.verification)
    steps.push({
      id: verifyStepId,
      title: runbook.verification.title,
      detail: runbook.verification.detail,
      verification: true,
    });
  return steps;
}

export type RunbookMatchInput = { services: string[]; severity: string; title: string };

const normalise = (text: string) => text.trim().toLowerCase();

/**
 * Runbooks that apply to an incident: one of their services is affected, or one of their tags is a
 * word of the title; a runbook listing severities applies only at those severities.
 */
export function matchRunbooks(runbooks: readonly Runbook[], incident: RunbookMatchInput): Runbook[] {
  const services = new Set(incident.services.map(normalise));
  const words = new Set(
    normalise(incident.title)
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
  return runbooks.filter((runbook) => {
    const when = runbook.applies_to;
    if (when.severities.length > 0 && !when.severities.includes(incident.severity)) return false;
    return when.services.some((s) => services.has(normalise(s))) || when.tags.some((t) => words.has(normalise(t)));
  });
}

/** Affected services that no runbook names: each deserves a "write a runbook" follow-up. */
export function servicesWithoutRunbook(runbooks: readonly Runbook[], services: readonly string[]): string[] {
  const covered = new Set(runbooks.flatMap((r) => r.applies_to.services.map(normalise)));
  return services.filter((service) => !covered.has(normalise(service)));
}

/** Finds a runbook by name (case-insensitive). */
export function findRunbook(runbooks: readonly Runbook[], name: string): Runbook | undefined {
  return runbooks.find((r) => r.name === normalise(name));
}

/** The start key of a run started from an offer message's button: one run per offer and runbook. */
export function offerStartKey(offerTs: string, name: string): string {
  return `offer:${offerTs}:${name}`;
}

/** The ts of the offer message a run was started from, if it was started from one. */
export function offerTsOf(run: { startKey: string | null }): string | undefined {
  return /^offer:(\d+\.\d+):/.exec(run.startKey ?? '')?.[1];
}
