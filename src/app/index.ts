export { createFirebreak, type Firebreak, type FirebreakOptions, slackIdentity } from './firebreak.ts';
export { actionListeners, incidentListeners } from './incident-listeners.ts';
export { waitUntilQuiet } from './quiescence.ts';
