export { OutboxDispatcher } from './dispatcher.ts';
export * from './outbox.ts';
export { countOpenEffects, enqueueEffects, listStreamEffects, outboxStats } from './outbox-repo.ts';
