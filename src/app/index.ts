export { createFirebreak, type Firebreak, type FirebreakOptions } from './firebreak.ts';
export { waitUntilQuiet } from './quiescence.ts';
export { incidentListeners } from './incident-listeners.ts';
