import { LabError } from './envelope';
import { labMethods, type LabHandlers, type LabMethod } from './lab-api';
import { describeZodIssues } from './zod-issues';

type AnyHandler = (params: unknown) => Promise<unknown>;

/**
 * Wraps every handler so its result is checked against the method's result schema: a handler that
 * drifts from the contract fails loudly (an `internal` error naming the field) in development and
 * tests, instead of a renderer meeting a shape it does not expect. The result passes on unchanged.
 * The lab core turns this on outside production (see lab-core.ts), where it would cost a parse of
 * every reply, large curve payloads included.
 */
export function withResultChecks(handlers: LabHandlers): LabHandlers {
  const checked: Partial<Record<LabMethod, AnyHandler>> = {};
  for (const method of Object.keys(labMethods) as LabMethod[]) {
    const handler = handlers[method] as AnyHandler;
    checked[method] = async (params) => {
      const result = await handler(params);
      const parsed = labMethods[method].result.safeParse(result);
      if (!parsed.success) {
        const problems = describeZodIssues(parsed.error.issues, result);
        throw new LabError(
          'internal',
          `${method} returned a result its contract refuses: ${problems.map((p) => p.text).join('; ')}`,
          problems,
        );
      }
      return result;
    };
  }
  return checked as LabHandlers;
}
