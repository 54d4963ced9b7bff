import type { FirebreakConfig } from '../config/firebreak-config.ts';
import { checkBlameless, type Flag } from './blameless-check.ts';
import { type HumanSections, humanSectionIds, humanSectionLabels } from './postmortem.ts';

export type SectionFlag = Flag & { label: string };

/** Every phrase in the human-written sections that may read as blame, with its suggested rewording. */
export function flagsOf(human: HumanSections, config: FirebreakConfig): SectionFlag[] {
  return humanSectionIds.flatMap((field) =>
    checkBlameless(human[field] ?? '', { field, extraPhrases: config.postmortem.blameless_phrases }).map((flag) => ({
      ...flag,
      label: humanSectionLabels[field],
    })),
  );
}
