import { z } from 'zod';
import { systemInfoSchema } from './system';
import type { Reply } from './envelope';

/**
 * The one interface between the UI and the lab core. Each method names the zod schema of its
 * parameters (validated at every transport boundary) and of its result. Later capabilities add
 * entries here; the transports and the renderer pick them up from the types.
 */
export const labMethods = {
  'system.info': { params: z.object({}).strict(), result: systemInfoSchema },
} as const;

/** Events pushed from the core to every connected UI. */
export const labEvents = {
  'lab.ready': z.object({ startedAt: z.string() }),
} as const;

export type LabMethod = keyof typeof labMethods;
export type LabEvent = keyof typeof labEvents;
export type ParamsOf<M extends LabMethod> = z.input<(typeof labMethods)[M]['params']>;
export type ResultOf<M extends LabMethod> = z.infer<(typeof labMethods)[M]['result']>;
export type EventPayload<E extends LabEvent> = z.infer<(typeof labEvents)[E]>;

/** What the renderer holds: a call per method and a subscription per event. */
export interface LabApi {
  call<M extends LabMethod>(method: M, params: ParamsOf<M>): Promise<Reply<ResultOf<M>>>;
  on<E extends LabEvent>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

/** What the lab core implements: one async function per method, receiving validated params. */
export type LabHandlers = {
  [M in LabMethod]: (params: z.infer<(typeof labMethods)[M]['params']>) => Promise<ResultOf<M>>;
};

export function isLabMethod(name: unknown): name is LabMethod {
  return typeof name === 'string' && Object.hasOwn(labMethods, name);
}

export function isLabEvent(name: unknown): name is LabEvent {
  return typeof name === 'string' && Object.hasOwn(labEvents, name);
}
