import { z } from 'zod';
import { homeDeclareValue } from '../../blocks/app-home.ts';
import { declareModalView } from '../../blocks/declare-modal.ts';
import { actionValueOf } from '../../parse/interaction-values.ts';
import { type ClickHandler, openModal } from './action-support.ts';

/** *Declare incident* on the Home tab: opens the same declare form as `/incident declare`. */
export const homeDeclareClicked: ClickHandler = async (services, args) => {
  // A forged or garbled click is refused like any other: the button carries exactly this value.
  z.literal(homeDeclareValue).parse(actionValueOf(args.action));
  await openModal(args, declareModalView(services.copy, services.config, { privateMetadata: JSON.stringify({}) }));
};
