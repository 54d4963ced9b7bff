import { ids } from '../../ids.ts';
import type { ClickHandler } from './action-support.ts';
import { actOnClickedStep } from './runbook-step.ts';

/** Every branch button of a decision step: the runbook's branch action id with the branch's index appended. */
export const runbookBranchActionId = new RegExp(`^${ids.actions.runbookBranch.replace('.', '\\.')}\\.\\d+$`);

/** A decision step's branch button: takes that branch. */
export const runbookBranchClicked: ClickHandler = (services, args) =>
  actOnClickedStep(services, args, (branch) => ({ kind: 'branch', index: branch ?? -1 }));
