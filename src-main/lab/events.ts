import type { EventPayload, LabEvent } from '@shared/contract/lab-api';

/** One lab event with its payload, correlated so a switch on `event` narrows `payload`. */
export type LabEventMessage = { [E in LabEvent]: { event: E; payload: EventPayload<E> } }[LabEvent];

export interface LabEventBus {
  emit<E extends LabEvent>(event: E, payload: EventPayload<E>): void;
  /** Returns the function that ends the subscription. */
  subscribe(listener: (message: LabEventMessage) => void): () => void;
}

/** Where the lab core announces what happened; each transport forwards it to its UIs. */
export function createLabEventBus(): LabEventBus {
  const listeners = new Set<(message: LabEventMessage) => void>();
  return {
    emit(event, payload) {
      const message = { event, payload } as LabEventMessage;
      for (const listener of listeners) listener(message);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
