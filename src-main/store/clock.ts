/** Milliseconds since the Unix epoch; injected so tests can pin time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
