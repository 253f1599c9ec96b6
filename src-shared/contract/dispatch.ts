import { fail, LabError, ok, type Reply } from './envelope';
import { isLabMethod, labMethods, type LabHandlers } from './lab-api';
import { describeZodIssues } from './zod-issues';

/** Far deeper than any real call (a spec nests about 6 levels); validation recurses per level. */
const MAX_PARAMS_DEPTH = 64;

/** Whether `value` nests objects/arrays beyond `limit` levels, walked without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth += 1) {
    if (depth > limit) return true;
    const next: unknown[] = [];
    for (const node of level) {
      if (node !== null && typeof node === 'object')
        for (const child of Object.values(node)) next.push(child);
    }
    level = next;
  }
  return false;
}

/**
 * The single entry both transports (Electron IPC, WebSocket) call: validates the method name and
 * its arguments against the contract, runs the handler, and folds every outcome into a Reply.
 */
export async function dispatch(
  handlers: LabHandlers,
  method: unknown,
  rawParams: unknown,
): Promise<Reply<unknown>> {
  if (!isLabMethod(method)) {
    return fail('unknown_method', `Unknown method ${JSON.stringify(method)}.`);
  }
  if (nestedDeeperThan(rawParams, MAX_PARAMS_DEPTH)) {
    return fail(
      'invalid_argument',
      `Invalid arguments to ${method}: nested deeper than ${MAX_PARAMS_DEPTH} levels.`,
    );
  }
  const parsed = labMethods[method].params.safeParse(rawParams ?? {});
  if (!parsed.success) {
    const problems = describeZodIssues(parsed.error.issues, rawParams);
    return fail(
      'invalid_argument',
      `Invalid arguments to ${method}: ${problems.map((p) => p.text).join('; ')}`,
      problems,
    );
  }
  try {
    const handler = handlers[method] as (params: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof LabError) return fail(error.code, error.message, error.details);
    const message = error instanceof Error ? error.message : String(error);
    return fail('internal', `${method} failed: ${message}`);
  }
}
