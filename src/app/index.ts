export { createFirebreak, type Firebreak, type FirebreakOptions, slackIdentity } from './firebreak.ts';
export { incidentListeners } from './incident-listeners.ts';
export { waitUntilQuiet } from './quiescence.ts';
