import { declareModalView } from '../../blocks/declare-modal.ts';
import { type ClickHandler, openModal } from './action-support.ts';

/** *Declare incident* on the Home tab: opens the same declare form as `/incident declare`. */
export const homeDeclareClicked: ClickHandler = async (services, args) => {
  await openModal(args, declareModalView(services.copy, services.config, { privateMetadata: JSON.stringify({}) }));
};
