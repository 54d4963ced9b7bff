import { z } from 'zod';
import { parseServices } from '../../incidents/index.ts';
import { ids } from '../ids.ts';
import { stateValuesOf } from './interaction-values.ts';

const f = ids.declareModal;
const value = z.object({ value: z.string().nullable() }).optional();

const stateSchema = z.object({
  [f.title]: z.object({ [f.title]: value }),
  [f.severity]: z.object({
    [f.severity]: z.object({ selected_option: z.object({ value: z.string() }).nullable() }).optional(),
  }),
  [f.impact]: z.object({ [f.impact]: value }).optional(),
  [f.services]: z.object({ [f.services]: value }).optional(),
  [f.commander]: z.object({ [f.commander]: z.object({ selected_user: z.string().nullable() }).optional() }).optional(),
  [f.started]: z.object({ [f.started]: z.object({ selected_date_time: z.number().nullable() }).optional() }).optional(),
  [f.private]: z
    .object({
      [f.private]: z.object({ selected_options: z.array(z.object({ value: z.string() })).nullable() }).optional(),
    })
    .optional(),
});

const metadataSchema = z
  .object({
    channelId: z.string().optional(),
    source: z
      .object({ channelId: z.string(), ts: z.string(), text: z.string(), authorId: z.string().optional() })
      .optional(),
  })
  .catch({});

export type DeclareFormInput = {
  title: string;
  severity: string;
  customerImpact: string;
  services: string[];
  commanderId: string | undefined;
  startedAt: Date | undefined;
  isPrivate: boolean;
  source: { channelId: string; ts: string; text: string; authorId?: string } | undefined;
};

/** Reads the declare form's state; a payload of the wrong shape is a ZodError, not a crash later. */
export function parseDeclareView(view: { state: { values: unknown }; private_metadata?: string }): DeclareFormInput {
  const state = stateSchema.parse(stateValuesOf(view));
  const metadata = metadataSchema.parse(safeJson(view.private_metadata));
  const started = state[f.started]?.[f.started]?.selected_date_time;
  return {
    title: state[f.title][f.title]?.value ?? '',
    severity: state[f.severity][f.severity]?.selected_option?.value ?? '',
    customerImpact: state[f.impact]?.[f.impact]?.value ?? '',
    services: parseServices(state[f.services]?.[f.services]?.value ?? undefined),
    commanderId: state[f.commander]?.[f.commander]?.selected_user ?? undefined,
    startedAt: typeof started === 'number' ? new Date(started * 1000) : undefined,
    isPrivate: (state[f.private]?.[f.private]?.selected_options ?? []).some((o) => o.value === 'private'),
    source: metadata.source,
  };
}

function safeJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}
