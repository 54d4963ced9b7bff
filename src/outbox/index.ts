export { OutboxDispatcher } from './dispatcher.ts';
export * from './outbox.ts';
export {
  countOpenEffects,
  enqueueEffects,
  listIncidentEffects,
  listStreamEffects,
  outboxStats,
} from './outbox-repo.ts';
export { outboxSink } from './outbox-sink.ts';
