import { openChangeForm } from './action-change-support.ts';
import type { ClickHandler } from './action-support.ts';

/** *Done* on an action, wherever it is shown: opens the form asking what the change needs. */
export const actionDoneClicked: ClickHandler = (services, args) => openChangeForm(services, args, 'done');
