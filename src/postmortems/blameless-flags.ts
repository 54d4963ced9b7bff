import type { FirebreakConfig } from '../config/firebreak-config.ts';
import { type BlamelessFlag, checkBlameless } from './blameless-check.ts';
import { type HumanSections, humanSectionIds, humanSectionLabels } from './postmortem.ts';

export type SectionFlag = BlamelessFlag & { label: string };

/** Every phrase in the human-written sections that may read as blame, with its suggested rewording. */
export function flagsOf(
  human: HumanSections,
  config: FirebreakConfig,
  knownPeople: readonly string[] = [],
): SectionFlag[] {
  return humanSectionIds.flatMap((field) =>
    checkBlameless(human[field] ?? '', {
      field,
      extraPhrases: config.postmortem.blameless_phrases,
      knownPeople,
    }).map((flag) => ({
      ...flag,
      label: humanSectionLabels[field],
    })),
  );
}
