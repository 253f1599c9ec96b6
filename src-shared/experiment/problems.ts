import { describeReceived, formatPath, type Problem } from '../contract/zod-issues';
import type { PathKey } from './paths';

export type Severity = 'error' | 'warning';

/** A problem in a spec. Errors block a launch; warnings point at a likely mistake. */
export interface SpecProblem extends Problem {
  severity: Severity;
}

export function specProblem(
  severity: Severity,
  path: readonly PathKey[],
  message: string,
  received: unknown,
): SpecProblem {
  const where = formatPath(path);
  return {
    severity,
    path: where,
    message,
    received,
    text: `${where}: ${message}, received ${describeReceived(received)}`,
  };
}

export function asErrors(problems: readonly Problem[]): SpecProblem[] {
  return problems.map((problem) => ({ ...problem, severity: 'error' }));
}

/** Thrown by `resolve` when a spec does not parse; carries every problem. */
export class SpecError extends Error {
  constructor(readonly problems: readonly SpecProblem[]) {
    super(
      `The experiment spec is invalid:\n${problems.map((problem) => `- ${problem.text}`).join('\n')}`,
    );
    this.name = 'SpecError';
  }
}
