import { openChangeForm } from './action-change-support.ts';
import type { ClickHandler } from './action-support.ts';

/** *Snooze* on an action, wherever it is shown: opens the form asking what the change needs. */
export const actionSnoozeClicked: ClickHandler = (services, args) => openChangeForm(services, args, 'snooze');
