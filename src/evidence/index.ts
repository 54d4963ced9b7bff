export { type EvidenceBundle, loadEvidenceBundle } from './evidence-bundle.ts';
export { historyFromAudit, type IncidentHistory, type RoleChange, type ValueChange } from './evidence-history.ts';
export {
  type EvidenceContext,
  type EvidenceJson,
  type EvidencePerson,
  evidenceDocument,
  evidenceJson,
  evidenceSchema,
} from './evidence-json.ts';
export { evidenceMarkdown } from './evidence-markdown.ts';
export { evidenceFileName, requestEvidenceExport } from './evidence-service.ts';
