/** Every id Slack sends back to us; manifest.yml must declare the commands and shortcuts. */
export const ids = {
  command: '/incident',
  shortcuts: {
    declareFromMessage: 'declare_from_message',
    addToTimeline: 'add_to_timeline',
  },
  views: {
    declare: 'declare_incident',
    note: 'timeline_note',
    milestones: 'timeline_milestones',
    addToTimeline: 'timeline_add_message',
    timeline: 'timeline_view',
  },
  actions: {
    cardUpdate: 'incident_card.update',
    cardSeverity: 'incident_card.severity',
    cardRoles: 'incident_card.roles',
    cardNote: 'incident_card.note',
    cardResolve: 'incident_card.resolve',
    cardMilestones: 'incident_card.milestones',
    timelinePrevious: 'timeline.previous',
    timelineNext: 'timeline.next',
    timelineExport: 'timeline.export',
  },
  timelineForms: {
    text: 'note_text',
    type: 'note_type',
    when: 'note_when',
    incident: 'incident',
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
