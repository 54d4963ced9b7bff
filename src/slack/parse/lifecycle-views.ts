import { z } from 'zod';
import { ids } from '../ids.ts';
import { metadataOf, recordIdSchema, stateValuesOf } from './interaction-values.ts';

const f = ids.lifecycleModal;
type ViewLike = { state: { values: unknown }; private_metadata?: string };
const text = z.object({ value: z.string().nullable() }).optional();
const select = z.object({ selected_option: z.object({ value: z.string() }).nullable() }).optional();

const metadataSchema = z.object({ incidentId: recordIdSchema, role: z.string().optional(), to: z.string().optional() });

/** The incident (and handover details) a lifecycle modal was opened for. */
export function parseLifecycleMetadata(view: ViewLike) {
  return metadataOf(view.private_metadata, metadataSchema);
}

export function parseSeverityView(view: ViewLike): { severity: string; reason: string } {
  const state = z
    .object({ [f.severity]: z.object({ [f.severity]: select }), [f.reason]: z.object({ [f.reason]: text }) })
    .parse(stateValuesOf(view));
  return {
    severity: state[f.severity][f.severity]?.selected_option?.value ?? '',
    reason: state[f.reason][f.reason]?.value ?? '',
  };
}

/** Every role picker of the "Assign roles" form that names someone. */
export function parseRolesView(view: ViewLike): Array<{ role: string; userId: string }> {
  const state = z
    .record(z.string(), z.record(z.string(), z.object({ selected_user: z.string().nullable() })))
    .parse(stateValuesOf(view));
  return Object.entries(state).flatMap(([blockId, actions]) => {
    const userId = Object.values(actions)[0]?.selected_user;
    return blockId.startsWith(f.rolePrefix) && userId ? [{ role: blockId.slice(f.rolePrefix.length), userId }] : [];
  });
}

export function parseResolveView(view: ViewLike) {
  const state = z
    .object({
      [f.resolvedAt]: z.object({
        [f.resolvedAt]: z.object({ selected_date_time: z.number().nullable() }).optional(),
      }),
      [f.severity]: z.object({ [f.severity]: select }),
      [f.impact]: z.object({ [f.impact]: text }).optional(),
      [f.changeInduced]: z.object({ [f.changeInduced]: select }),
      [f.change]: z.object({ [f.change]: text }).optional(),
    })
    .parse(stateValuesOf(view));
  const at = state[f.resolvedAt][f.resolvedAt]?.selected_date_time;
  return {
    ...(typeof at === 'number' ? { resolvedAt: new Date(at * 1000) } : {}),
    finalSeverity: state[f.severity][f.severity]?.selected_option?.value ?? '',
    customerImpact: state[f.impact]?.[f.impact]?.value ?? '',
    changeInduced: state[f.changeInduced][f.changeInduced]?.selected_option?.value === 'yes',
    triggeringChange: state[f.change]?.[f.change]?.value ?? '',
  };
}

export function parseHandoverView(view: ViewLike): { brief: string } {
  const state = z.object({ [f.brief]: z.object({ [f.brief]: text }) }).parse(stateValuesOf(view));
  return { brief: state[f.brief][f.brief]?.value ?? '' };
}
