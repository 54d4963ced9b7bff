/** Every id Slack sends back to us; manifest.yml must declare the commands and shortcuts. */
export const ids = {
  command: '/incident',
  shortcuts: {
    declareFromMessage: 'declare_from_message',
  },
  views: {
    declare: 'declare_incident',
  },
  actions: {
    cardUpdate: 'incident_card.update',
    cardSeverity: 'incident_card.severity',
    cardRoles: 'incident_card.roles',
    cardNote: 'incident_card.note',
    cardResolve: 'incident_card.resolve',
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
