import { openChangeForm } from './action-change-support.ts';
import type { ClickHandler } from './action-support.ts';

/** *Won't do* on an action, wherever it is shown: opens the form asking what the change needs. */
export const actionWontDoClicked: ClickHandler = (services, args) => openChangeForm(services, args, 'wont_do');
