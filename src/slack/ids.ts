/** Every id Slack sends back to us; manifest.yml must declare the commands and shortcuts. */
export const ids = {
  command: '/incident',
  shortcuts: {
    declareFromMessage: 'declare_from_message',
  },
  views: {
    declare: 'declare_incident',
    severity: 'incident_severity',
    roles: 'incident_roles',
    resolve: 'incident_resolve',
    handover: 'role_handover',
  },
  actions: {
    cardUpdate: 'incident_card.update',
    cardSeverity: 'incident_card.severity',
    cardRoles: 'incident_card.roles',
    cardNote: 'incident_card.note',
    cardResolve: 'incident_card.resolve',
    cardStatus: 'incident_card.status',
    handoverBrief: 'handover.write_brief',
  },
  lifecycleModal: {
    severity: 'severity',
    reason: 'reason',
    resolvedAt: 'resolved_at',
    impact: 'impact',
    changeInduced: 'change_induced',
    change: 'change',
    brief: 'brief',
    rolePrefix: 'role__',
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
