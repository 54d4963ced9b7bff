import type { App } from '@slack/bolt';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';
import { addToTimelineShortcut } from './add-to-timeline-shortcut.ts';
import { createActionShortcut } from './create-action-shortcut.ts';
import { declareFromMessage } from './declare-from-message.ts';
import { onShortcut } from './shortcut-support.ts';

/** Every message shortcut, one line each; onShortcut acks at once and answers failures uniformly. */
export function registerShortcuts(app: App, services: SlackServices): void {
  app.shortcut(
    ids.shortcuts.declareFromMessage,
    onShortcut(services, 'declare from message shortcut', declareFromMessage),
  );
  app.shortcut(ids.shortcuts.addToTimeline, onShortcut(services, 'add to timeline shortcut', addToTimelineShortcut));
  app.shortcut(ids.shortcuts.createAction, onShortcut(services, 'create action shortcut', createActionShortcut));
}
