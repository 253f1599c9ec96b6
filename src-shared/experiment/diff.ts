import { formatPath } from '../contract/zod-issues';
import type { PathKey } from './paths';

/** One difference between two specs, for the compare view. */
export type SpecChange =
  | { kind: 'added'; path: string; after: unknown }
  | { kind: 'removed'; path: string; before: unknown }
  | { kind: 'changed'; path: string; before: unknown; after: unknown };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

/** Objects tagged by `kind` or `type` with different tags are different things, not edits. */
function tag(value: Json): unknown {
  return value.kind ?? value.type;
}

const isLayerStack = (path: readonly PathKey[]) =>
  path.length === 2 && path[0] === 'model' && path[1] === 'layers';

function diffValues(before: unknown, after: unknown, path: PathKey[], changes: SpecChange[]): void {
  if (deepEqual(before, after)) return;
  if (isLayerStack(path) && Array.isArray(before) && Array.isArray(after)) {
    diffLayers(before, after, changes);
    return;
  }
  if (isObject(before) && isObject(after) && tag(before) === tag(after)) {
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key))
        changes.push({ kind: 'removed', path: formatPath([...path, key]), before: before[key] });
      else diffValues(before[key], after[key], [...path, key], changes);
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key))
        changes.push({ kind: 'added', path: formatPath([...path, key]), after: after[key] });
    }
    return;
  }
  changes.push({ kind: 'changed', path: formatPath(path), before, after });
}

/** Cost of editing one layer into another: 0 when equal, in (0.5, 1] for the same type, never otherwise. */
function editCost(a: unknown, b: unknown): number {
  if (deepEqual(a, b)) return 0;
  if (!isObject(a) || !isObject(b) || a.type !== b.type) return Number.POSITIVE_INFINITY;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const differing = [...keys].filter((key) => !deepEqual(a[key], b[key])).length;
  return 0.5 + (0.5 * differing) / keys.size;
}

/**
 * Aligns the two layer stacks by edit distance (insert and delete cost 1, editing a layer of the
 * same type costs less), so one inserted layer is one change rather than every later layer
 * shifting. Added layers are named by their index after, removed ones by their index before,
 * edited ones field by field at their index after.
 */
function diffLayers(
  before: readonly unknown[],
  after: readonly unknown[],
  changes: SpecChange[],
): void {
  const rows = before.length + 1;
  const cols = after.length + 1;
  const cost: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => cost[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < cols; j += 1) {
      if (i === 0 || j === 0) {
        cost[i * cols + j] = i + j;
        continue;
      }
      cost[i * cols + j] = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + editCost(before[i - 1], after[j - 1]),
      );
    }
  }
  const steps: SpecChange[][] = [];
  let i = before.length;
  let j = after.length;
  while (i > 0 || j > 0) {
    const here = at(i, j);
    if (i > 0 && j > 0 && here === at(i - 1, j - 1) + editCost(before[i - 1], after[j - 1])) {
      const edits: SpecChange[] = [];
      diffValues(before[i - 1], after[j - 1], ['model', 'layers', j - 1], edits);
      steps.push(edits);
      i -= 1;
      j -= 1;
    } else if (j > 0 && here === at(i, j - 1) + 1) {
      steps.push([
        { kind: 'added', path: formatPath(['model', 'layers', j - 1]), after: after[j - 1] },
      ]);
      j -= 1;
    } else {
      steps.push([
        { kind: 'removed', path: formatPath(['model', 'layers', i - 1]), before: before[i - 1] },
      ]);
      i -= 1;
    }
  }
  for (const step of steps.reverse()) changes.push(...step);
}

/**
 * The structural difference between two specs (usually resolved ones): nested fields compared one
 * by one, objects of a different `kind`/`type` reported as one change, other lists compared
 * whole, and the layer stack aligned so an inserted or removed layer is a single change.
 */
export function diffSpecs(before: unknown, after: unknown): SpecChange[] {
  const changes: SpecChange[] = [];
  diffValues(before, after, [], changes);
  return changes;
}
