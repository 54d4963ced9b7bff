import { DomainError } from '../platform/errors.ts';

export type PostmortemStatus = 'draft' | 'in_review' | 'published';

/** The sections people write; everything else in the document is generated from the record. */
export const humanSectionIds = [
  'summary',
  'contributing_factors',
  'went_well',
  'went_poorly',
  'lucky',
  'trigger_notes',
] as const;
export type HumanSectionId = (typeof humanSectionIds)[number];
export type HumanSections = Partial<Record<HumanSectionId, string>>;

/** Labels as the write-up form and the document show them. */
export const humanSectionLabels: Record<HumanSectionId, string> = {
  summary: 'Summary',
  contributing_factors: 'Contributing factors',
  went_well: 'What went well',
  went_poorly: 'What went poorly',
  lucky: 'Where we got lucky',
  trigger_notes: 'Trigger',
};

// Slack's plain_text_input takes at most 3,000 characters; the form says so and the service refuses more.
export const maxSectionLength = 3000;

export type Postmortem = {
  id: number;
  teamId: string;
  incidentId: number;
  status: PostmortemStatus;
  ownerId: string;
  dueDate: string;
  dueAt: Date;
  human: HumanSections;
  version: number;
  reviewers: string[];
  reviewRequestedBy: string | null;
  reviewRequestedAt: Date | null;
  publishedVersion: number | null;
  publishedBy: string | null;
  firstPublishedAt: Date | null;
  publishedOnTime: boolean | null;
  messageTs: string | null;
  canvasId: string | null;
  canvasUnavailable: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A refused section, named so the form can show the message under that field. */
export class SectionError extends DomainError {
  constructor(
    readonly section: HumanSectionId,
    message: string,
  ) {
    super(`postmortem.section_too_long.${section}`, message);
  }
}

export type ContributingFactor = { text: string; validated: boolean };

/**
 * Contributing factors are written one per line; `[x]` in front marks one validated (shown to be a
 * cause), `[ ]` or nothing a hypothesis still to confirm. A leading "-" or "*" is a list marker.
 */
export function parseContributingFactors(text: string | undefined): ContributingFactor[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim().replace(/^[-*•]\s+/, ''))
    .filter((line) => line !== '')
    .map((line) => {
      const marked = /^\[( |x|X)\]\s*/.exec(line);
      return { text: marked ? line.slice(marked[0].length) : line, validated: marked?.[1]?.toLowerCase() === 'x' };
    });
}

/** Human sections as submitted: trimmed, over-long ones refused with their limit, empty ones dropped. */
export function checkHumanSections(input: HumanSections): HumanSections {
  const checked: HumanSections = {};
  for (const id of humanSectionIds) {
    const text = (input[id] ?? '').replace(/\r\n/g, '\n').trim();
    if (text.length > maxSectionLength)
      throw new SectionError(
        id,
        `${humanSectionLabels[id]} is ${text.length} characters; keep it to ${maxSectionLength} (link to a longer document instead).`,
      );
    if (text) checked[id] = text;
  }
  return checked;
}

/** Whether an incident of this severity must have a postmortem. */
export function postmortemRequired(
  severities: ReadonlyArray<{ name: string; postmortem_required: boolean }>,
  name: string,
) {
  return severities.find((severity) => severity.name === name)?.postmortem_required ?? false;
}

export const statusLabels: Record<PostmortemStatus, string> = {
  draft: 'draft',
  in_review: 'in review',
  published: 'published',
};
