/**
 * canvases.create, conversations.canvases.create, canvases.edit, canvases.sections.lookup, canvases.delete,
 * with Slack's argument checks, plan limits (free teams: no standalone canvases, one canvas tab per
 * channel) and the team's canvas switch (`workspace.canvasAvailability`).
 */
import { type ApiArgs, optionalString, requiredString } from '../args.ts';
import { applyCanvasChange } from '../canvas-edits.ts';
import type { Canvas } from '../canvas-store.ts';
import { channelForBot } from '../channel-access.ts';
import { invalidArguments, SlackApiError } from '../errors.ts';
import { matchesCriteria } from '../markdown-sections.ts';
import type { Workspace } from '../workspace.ts';
import { optionalDocument, requiredChange, requiredCriteria } from './canvas-args.ts';
import type { MethodTable } from './context.ts';

function checkCanvasesEnabled(workspace: Workspace): void {
  if (workspace.canvasAvailability === 'disabled') throw new SlackApiError('canvas_disabled_user_team');
}

/** The title argument; Slack limits it like the markdown. */
function optionalTitle(args: ApiArgs): string | undefined {
  const title = optionalString(args, 'title');
  if (title !== undefined && [...title].length > 1_048_576)
    invalidArguments(['[ERROR] must be less than 1048577 characters [json-pointer:/title]']);
  return title;
}

/** Free teams get one canvas tab per channel, whichever method made it. */
function checkFreeTab(workspace: Workspace, channelId: string): void {
  if (workspace.plan === 'free' && workspace.canvases.tabsOf(channelId).length > 0)
    throw new SlackApiError('free_team_canvas_tab_already_exists');
}

function newCanvas(
  workspace: Workspace,
  fields: { title: string; markdown: string | undefined; channelId?: string; isChannelCanvas: boolean },
): Canvas {
  const now = workspace.nowSeconds();
  return workspace.canvases.add({
    id: workspace.newId('F'),
    title: fields.title,
    sections: workspace.canvases.sectionsOf(fields.markdown ?? ''),
    channelId: fields.channelId,
    isChannelCanvas: fields.isChannelCanvas,
    user: workspace.identity.botUserId,
    created: now,
    updated: now,
  });
}

/** The canvas a call names; unknown or deleted ids answer `canvas_not_found` (or `deletedError`). */
function canvasFor(workspace: Workspace, args: ApiArgs, deletedError = 'canvas_not_found'): Canvas {
  const id = requiredString(args, 'canvas_id');
  const canvas = workspace.canvases.byId.get(id);
  if (canvas) return canvas;
  throw new SlackApiError(workspace.canvases.deletedIds.has(id) ? deletedError : 'canvas_not_found');
}

/** canvases.* and conversations.canvases.create handlers. */
export const canvasMethods: MethodTable = {
  // A standalone canvas, tabbed in `channel_id` when given (the bot must be in that channel).
  'canvases.create': ({ workspace }, args) => {
    checkCanvasesEnabled(workspace);
    const title = optionalTitle(args);
    const markdown = optionalDocument(args);
    const channelRef = optionalString(args, 'channel_id');
    const channel = channelRef === undefined ? undefined : channelForBot(workspace, channelRef, { member: true });
    if (!channel && workspace.plan === 'free') throw new SlackApiError('free_teams_cannot_create_non_tabbed_canvases');
    if (channel) checkFreeTab(workspace, channel.id);
    const canvas = newCanvas(workspace, {
      title: title ?? 'Untitled',
      markdown,
      ...(channel ? { channelId: channel.id } : {}),
      isChannelCanvas: false,
    });
    return { canvas_id: canvas.id };
  },

  // The channel's own canvas. Slack: "The channel must be public, or if it is private the app/user must be
  // invited to the channel" — a public channel the bot is not in is fine, a private one is not visible.
  'conversations.canvases.create': ({ workspace }, args) => {
    checkCanvasesEnabled(workspace);
    const channelRef = requiredString(args, 'channel_id');
    const title = optionalTitle(args);
    const markdown = optionalDocument(args);
    const channel = channelForBot(workspace, channelRef);
    if (channel.is_im) throw new SlackApiError('channel_not_found');
    if (workspace.canvasAvailability === 'no_channel_canvases')
      throw new SlackApiError('team_tier_cannot_create_channel_canvases');
    if (workspace.canvases.channelCanvas(channel.id)) throw new SlackApiError('channel_canvas_already_exists');
    checkFreeTab(workspace, channel.id);
    const canvas = newCanvas(workspace, {
      title: title ?? channel.name,
      markdown,
      channelId: channel.id,
      isChannelCanvas: true,
    });
    return { canvas_id: canvas.id };
  },

  'canvases.edit': ({ workspace }, args) => {
    checkCanvasesEnabled(workspace);
    requiredString(args, 'canvas_id');
    const change = requiredChange(args);
    const canvas = canvasFor(workspace, args);
    if (workspace.plan === 'free' && canvas.channelId === undefined)
      throw new SlackApiError('free_teams_cannot_edit_standalone_canvases');
    applyCanvasChange(workspace.canvases, canvas, change, workspace.nowSeconds());
    return {};
  },

  'canvases.sections.lookup': ({ workspace }, args) => {
    checkCanvasesEnabled(workspace);
    requiredString(args, 'canvas_id');
    const criteria = requiredCriteria(args);
    const canvas = canvasFor(workspace, args, 'canvas_deleted');
    const sections = canvas.sections.filter((section) => matchesCriteria(section, criteria));
    return { sections: sections.map((section) => ({ id: section.id })) };
  },

  // Slack lists canvas_deleting_disabled (not canvas_disabled_user_team) for a team without canvases.
  'canvases.delete': ({ workspace }, args) => {
    if (workspace.canvasAvailability === 'disabled') throw new SlackApiError('canvas_deleting_disabled');
    const canvas = canvasFor(workspace, args);
    workspace.canvases.remove(canvas.id);
    return {};
  },
};
