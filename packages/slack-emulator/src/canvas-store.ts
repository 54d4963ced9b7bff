/**
 * Canvases of the emulated workspace. A canvas is a file in Slack (id `F…`, minted from the same counter as
 * uploads); it is standalone, tabbed in a channel (canvases.create with channel_id) or a channel's own
 * canvas (conversations.canvases.create, shown in conversations.info as `properties.canvas`).
 */
import { type CanvasSection, parseSections, sectionsToMarkdown } from './markdown-sections.ts';

/** The team's Slack plan; 'free' brings Slack's free-team canvas limits. */
export type TeamPlan = 'free' | 'pro' | 'business_plus' | 'enterprise';

/**
 * Whether the team may use canvases: 'enabled'; 'disabled' (an admin turned canvases off: every canvas
 * method answers `canvas_disabled_user_team`); 'no_channel_canvases' (the team's tier has no channel
 * canvases: conversations.canvases.create answers `team_tier_cannot_create_channel_canvases`).
 */
export type CanvasAvailability = 'enabled' | 'disabled' | 'no_channel_canvases';

/** Slack's limit on a canvas's markdown (and on a title): 1 MiB, counted in characters. */
export const MAX_CANVAS_MARKDOWN = 1_048_576;

/** One canvas. */
export interface Canvas {
  id: string;
  title: string;
  sections: CanvasSection[];
  /** Channel whose tab bar shows the canvas; undefined for a standalone canvas. */
  channelId: string | undefined;
  /** The channel's own canvas (conversations.canvases.create), rather than one more tab. */
  isChannelCanvas: boolean;
  user: string;
  created: number;
  updated: number;
}

/** A canvas as tests read it: its markdown joined back together. */
export interface CanvasView {
  id: string;
  title: string;
  markdown: string;
  channelId: string | undefined;
  isChannelCanvas: boolean;
  sections: Array<{ id: string; kind: string; markdown: string }>;
}

/** Storage of canvases (Web API handlers mutate it; tests read through `canvas()` / `canvasesIn()`). */
export class CanvasStore {
  readonly byId = new Map<string, Canvas>();
  /** Ids of deleted canvases (canvases.sections.lookup answers `canvas_deleted` for them). */
  readonly deletedIds = new Set<string>();
  private sectionCounter = 0;

  /** A fresh section id shaped like Slack's (`temp:C:` and 28 characters). */
  newSectionId = (): string => {
    this.sectionCounter += 1;
    return `temp:C:${this.sectionCounter.toString(36).toUpperCase().padStart(28, 'A')}`;
  };

  /** Parses markdown into sections with fresh ids. */
  sectionsOf(markdown: string): CanvasSection[] {
    return parseSections(markdown, this.newSectionId);
  }

  /** Stores a new canvas. */
  add(canvas: Canvas): Canvas {
    this.byId.set(canvas.id, canvas);
    return canvas;
  }

  /** Forgets a canvas; its id stays known as deleted. */
  remove(id: string): void {
    this.byId.delete(id);
    this.deletedIds.add(id);
  }

  /** Canvases tabbed in a channel, its own canvas first (live records). */
  tabsOf(channelId: string): Canvas[] {
    const tabs = [...this.byId.values()].filter((canvas) => canvas.channelId === channelId);
    return [...tabs.filter((canvas) => canvas.isChannelCanvas), ...tabs.filter((canvas) => !canvas.isChannelCanvas)];
  }

  /** The channel's own canvas (live record), or undefined. */
  channelCanvas(channelId: string): Canvas | undefined {
    return this.tabsOf(channelId).find((canvas) => canvas.isChannelCanvas);
  }

  /** A canvas as tests read it (copy), or undefined. */
  view(id: string): CanvasView | undefined {
    const canvas = this.byId.get(id);
    if (!canvas) return undefined;
    return {
      id: canvas.id,
      title: canvas.title,
      markdown: sectionsToMarkdown(canvas.sections),
      channelId: canvas.channelId,
      isChannelCanvas: canvas.isChannelCanvas,
      sections: canvas.sections.map(({ id: sectionId, kind, markdown }) => ({ id: sectionId, kind, markdown })),
    };
  }
}
