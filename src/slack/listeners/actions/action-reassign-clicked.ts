import { openChangeForm } from './action-change-support.ts';
import type { ClickHandler } from './action-support.ts';

/** *Reassign* on an action, wherever it is shown: opens the form asking what the change needs. */
export const actionReassignClicked: ClickHandler = (services, args) => openChangeForm(services, args, 'reassign');
