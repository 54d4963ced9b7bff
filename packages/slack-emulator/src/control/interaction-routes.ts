/**
 * Endpoints for what people do with Block Kit: clicking buttons and choosing options by label in
 * messages, their open modal or their Home tab, filling a modal's fields by label, submitting and closing it.
 */
import type { ElementSelection } from '../interaction-payloads.ts';
import type { JsonObject, View } from '../types.ts';
import { homeView, modalStack } from '../view-store.ts';
import { resolveChannel, resolveMessage, resolveUser } from './addressing.ts';
import { appAnswer } from './app-answer.ts';
import { ControlError, stringField } from './body.ts';
import { errorsByLabel, filledValues, fillForm } from './forms.ts';
import { buttonByLabel, optionByLabel, textOf } from './labels.ts';
import { CHANNEL, type ControlContext, type ControlRoute, MESSAGE, USER } from './route-types.ts';
import { describeView, isCloseLabel, isSubmitLabel } from './view-summary.ts';

/** The modal the user sees (the top of their stack); a 400 when none is open. */
export function topModal(ctx: ControlContext, userRef: unknown): View {
  const user = resolveUser(ctx.emulator.workspace, userRef);
  const top = modalStack(ctx.emulator.workspace, user.id).at(-1);
  if (!top) throw new ControlError(`${user.name} has no open modal`);
  return top;
}

/** Clicks/chooses in a message of `channel`, in the user's Home tab with `home: true`, else in their open modal. */
async function interact(
  ctx: ControlContext,
  body: JsonObject,
  select: (blocks: JsonObject[], where: string) => ElementSelection,
): Promise<JsonObject> {
  const { emulator } = ctx;
  const user = resolveUser(emulator.workspace, body.user);
  if (body.channel === undefined && body.message !== undefined)
    throw new ControlError("'message' needs 'channel': the channel the message is in");
  if (body.home !== undefined && body.home !== true) throw new ControlError(`'home' must be true (${HOME})`);
  if (body.home === true) {
    if (body.channel !== undefined) throw new ControlError("give 'channel' or 'home', not both");
    const view = homeView(emulator.workspace, user.id);
    if (!view) throw new ControlError(`${user.name} has no Home tab: the app has not called views.publish for them`);
    const selection = select(view.blocks, `the Home tab of ${user.name}`);
    return appAnswer(await emulator.clickViewButton({ userId: user.id, viewId: view.id, ...selection }));
  }
  if (body.channel === undefined) {
    const view = topModal(ctx, user.id);
    const selection = select(view.blocks, `the '${textOf(view.title)}' modal`);
    const values = filledValues(view, ctx.pending);
    return appAnswer(await emulator.clickViewButton({ userId: user.id, viewId: view.id, values, ...selection }));
  }
  const channel = resolveChannel(emulator.workspace, body.channel);
  if (body.message === undefined) throw new ControlError(`'message' is required with 'channel' (${MESSAGE})`);
  const found = resolveMessage(emulator.workspace, channel, body.message, user.id);
  const blocks = found.message?.blocks ?? found.ephemeralMessage?.blocks ?? [];
  const selection = select(blocks, `the message ${found.ts} in #${channel.name}`);
  return appAnswer(
    await emulator.clickButton({ userId: user.id, channelId: channel.id, messageTs: found.ts, ...selection }),
  );
}

async function submit(ctx: ControlContext, view: View): Promise<JsonObject> {
  const { emulator } = ctx;
  const values = filledValues(view, ctx.pending);
  const result = await emulator.submitView({ userId: view.userId, viewId: view.id, values });
  if (result.outcome !== 'errors') ctx.pending.delete(view.id);
  const now = modalStack(emulator.workspace, view.userId).at(-1);
  return {
    outcome: result.outcome,
    ...(result.outcome === 'errors' ? { errors: errorsByLabel(view, result.errors) } : {}),
    ...(result.problem ? { problem: result.problem } : {}),
    app: appAnswer(result),
    modal: now ? describeView(emulator.workspace, now, ctx.pending) : null,
  };
}

async function close(ctx: ControlContext, view: View): Promise<JsonObject> {
  const response = await ctx.emulator.closeView({ userId: view.userId, viewId: view.id });
  ctx.pending.delete(view.id);
  const now = modalStack(ctx.emulator.workspace, view.userId).at(-1);
  return {
    outcome: 'closed',
    ...(response ? { app: appAnswer(response) } : {}),
    modal: now ? describeView(ctx.emulator.workspace, now, ctx.pending) : null,
  };
}

const HOME = "true: in the user's App Home tab (as the app last published it)";

const FIELDS = 'an object of field label → value, e.g. {"Title":"Checkout slow","Severity":"SEV2"}';

function fields(body: JsonObject): JsonObject {
  const value = body.fields ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ControlError(`'fields' must be ${FIELDS}`);
  return value as JsonObject;
}

/** Endpoints for buttons, menus and modals. */
export const interactionRoutes: ControlRoute[] = [
  {
    method: 'POST',
    name: 'click',
    fields: {
      user: USER,
      button: "the button's label",
      'channel?': `${CHANNEL} (none: the open modal)`,
      'message?': MESSAGE,
      'home?': HOME,
    },
    summary:
      'click a button by its label in a message, in your open modal (its submit/close buttons too) or your Home tab',
    handle: async (ctx, { body }) => {
      const label = stringField(body, 'button', 'click');
      if (body.channel === undefined && body.home === undefined) {
        const view = topModal(ctx, body.user);
        if (isSubmitLabel(view, label)) return { json: await submit(ctx, view) };
        if (isCloseLabel(view, label)) return { json: await close(ctx, view) };
      }
      return { json: await interact(ctx, body, (blocks, where) => buttonByLabel(blocks, label, where)) };
    },
  },
  {
    method: 'POST',
    name: 'choose',
    fields: {
      user: USER,
      option: "the option's label",
      'menu?': 'what the menu shows now (its current choice or placeholder), when there are several',
      'channel?': `${CHANNEL} (none: the open modal)`,
      'message?': MESSAGE,
      'home?': HOME,
    },
    summary: 'choose an option of a select menu or overflow by its label',
    handle: async (ctx, { body }) => {
      const option = stringField(body, 'option', 'choose');
      const menu = stringField(body, 'menu', 'choose', true);
      return { json: await interact(ctx, body, (blocks, where) => optionByLabel(blocks, option, menu, where)) };
    },
  },
  {
    method: 'POST',
    name: 'fill',
    fields: { user: USER, fields: FIELDS },
    summary: 'fill fields of your open modal by label (sent when you click or submit)',
    handle: (ctx, { body }) => {
      const view = topModal(ctx, body.user);
      fillForm(ctx.emulator.workspace, view, fields(body), ctx.pending);
      return { json: describeView(ctx.emulator.workspace, view, ctx.pending) };
    },
  },
  {
    method: 'POST',
    name: 'submit',
    fields: { user: USER, 'fields?': FIELDS },
    summary: "submit your open modal (after filling 'fields'); errors come keyed by label",
    handle: async (ctx, { body }) => {
      const view = topModal(ctx, body.user);
      fillForm(ctx.emulator.workspace, view, fields(body), ctx.pending);
      return { json: await submit(ctx, view) };
    },
  },
  {
    method: 'POST',
    name: 'close',
    fields: { user: USER },
    summary: 'close (cancel) your open modal',
    handle: async (ctx, { body }) => ({ json: await close(ctx, topModal(ctx, body.user)) }),
  },
  {
    method: 'GET',
    name: 'form',
    param: '<user>',
    summary: "the user's open modal: rendered text, fields by label, buttons, errors",
    handle: (ctx, { rest }) => ({ json: describeView(ctx.emulator.workspace, topModal(ctx, rest), ctx.pending) }),
  },
  {
    method: 'GET',
    name: 'views',
    param: '<user>',
    summary: "the user's open modals (root first) and App Home tab",
    handle: (ctx, { rest }) => {
      const { workspace } = ctx.emulator;
      const user = resolveUser(workspace, rest);
      const home = workspace
        .views(user.id)
        .filter((view) => view.type === 'home')
        .at(-1);
      return {
        json: {
          modals: modalStack(workspace, user.id).map((view) => describeView(workspace, view, ctx.pending)),
          home: home ? describeView(workspace, home, ctx.pending) : null,
        },
      };
    },
  },
];
