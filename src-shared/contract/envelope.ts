/** Every reply that crosses a process boundary: a value, or an error a person can read. */
export type ErrorCode =
  'invalid_argument' | 'not_found' | 'unknown_method' | 'conflict' | 'unavailable' | 'internal';

export interface ReplyError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

export function ok<T>(value: T): Reply<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Reply<never> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}

/** Thrown by a lab-core handler to choose the error code of the reply. */
export class LabError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LabError';
  }
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
