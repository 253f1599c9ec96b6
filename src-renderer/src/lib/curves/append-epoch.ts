import type { CurveAxis } from '@shared/contract/curves';
import type { RunEpochEvent } from '@shared/contract/runs';
import { LEARNING_RATE_KEY } from '@shared/contract/series-keys';
import type { Curve } from './curve-lines';

/**
 * The curves with a live epoch's values added at their end, so a chart follows a running run
 * without asking the lab for every curve again. Null when the epoch cannot be placed without the
 * lab (the step axis: the event does not say the step), and the curves must be fetched instead.
 */
export function appendEpoch(
  curves: readonly Curve[],
  event: RunEpochEvent,
  keys: readonly string[],
  x: CurveAxis,
): Curve[] | null {
  if (x === 'step') return null;
  const at = x === 'epoch' ? event.epoch : event.elapsedMs / 1000;
  const values: Record<string, number> = { ...event.metrics };
  if (event.learningRate !== null) values[LEARNING_RATE_KEY] = event.learningRate;
  const next = curves.map((curve) => {
    const value = values[curve.key];
    if (curve.runId !== event.runId || value === undefined) return curve;
    const last = curve.x.at(-1);
    if (last !== undefined && last >= at) return curve;
    return { ...curve, x: [...curve.x, at], y: [...curve.y, value] };
  });
  // A key the run reports for the first time starts its curve.
  for (const key of keys) {
    const value = values[key];
    const known = curves.some((curve) => curve.runId === event.runId && curve.key === key);
    if (value !== undefined && !known) next.push({ runId: event.runId, key, x: [at], y: [value] });
  }
  return next;
}
