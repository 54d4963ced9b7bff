/** Every id Slack sends back to us; manifest.yml must declare the commands and shortcuts. */
export const ids = {
  command: '/incident',
  shortcuts: {
    declareFromMessage: 'declare_from_message',
  },
  views: {
    declare: 'declare_incident',
    stakeholderUpdate: 'stakeholder_update',
    runbookPick: 'runbook_pick',
    runbookSkip: 'runbook_skip_step',
  },
  actions: {
    cardUpdate: 'incident_card.update',
    cardSeverity: 'incident_card.severity',
    cardRoles: 'incident_card.roles',
    cardNote: 'incident_card.note',
    cardResolve: 'incident_card.resolve',
    cardRunbook: 'incident_card.runbook',
    runbookStart: 'runbook.start',
    runbookStepDone: 'runbook.step_done',
    runbookStepSkip: 'runbook.step_skip',
    // One button per branch of a decision (action ids must be unique in a block): runbook.branch.<n>.
    runbookBranch: 'runbook.branch',
    updatePreview: 'stakeholder_update.preview',
  },
  updateModal: {
    status: 'status',
    impact: 'impact',
    actions: 'actions',
    next: 'next_update',
    eta: 'eta',
    confidence: 'confidence',
    preview: 'preview',
  },
  runbookModal: {
    runbook: 'runbook',
    reason: 'reason',
  },
  declareModal: {
    title: 'title',
    severity: 'severity',
    impact: 'impact',
    services: 'services',
    private: 'private',
    started: 'started',
    commander: 'commander',
  },
  metadata: {
    effect: 'firebreak_effect',
  },
} as const;
