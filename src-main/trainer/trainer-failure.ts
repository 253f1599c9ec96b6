import type { Divergence, FailureCode } from '@shared/contract/trainer-protocol';

/** An error that already knows which `failed` code it becomes. */
export class TrainerFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly diagnosis: Divergence | null = null,
  ) {
    super(message);
    this.name = 'TrainerFailure';
  }
}

/** Runs one phase of start-up so that whatever it throws fails the run with `code`. */
export async function phase<T>(code: FailureCode, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TrainerFailure) throw error;
    throw new TrainerFailure(code, error instanceof Error ? error.message : String(error));
  }
}
