import { getContext, setContext, untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { getAt, parsePath, setAt, type PathKey } from '@shared/experiment/paths';
import type { SpecProblem } from '@shared/experiment/problems';
import { validateSpec } from '@shared/experiment/validate';
import type { FieldMessage } from '../../components/field-message';
import { fieldLabel } from './field-label';

export type SpecJson = Record<string, unknown>;

function keysOf(path: string): PathKey[] {
  const keys = parsePath(path);
  if (keys === null) throw new Error(`editor: ${path} is not a spec path`);
  return keys;
}

/** A copy of `root` without the value at `keys` (an absent optional field takes its default). */
function withoutAt(root: unknown, keys: readonly PathKey[]): unknown {
  const [key, ...rest] = keys;
  if (key === undefined || root === null || typeof root !== 'object') return root;
  if (Array.isArray(root)) {
    const copy = [...(root as unknown[])];
    if (rest.length === 0) copy.splice(key as number, 1);
    else copy[key as number] = withoutAt(copy[key as number], rest);
    return copy;
  }
  const record = root as Record<PathKey, unknown>;
  if (!Object.hasOwn(record, key)) return root;
  if (rest.length > 0) return { ...record, [key]: withoutAt(record[key], rest) };
  const { [key]: _removed, ...kept } = record;
  return kept;
}

/** Whether `path` is `home` or lies inside it (`model.layers[0].units` inside `model.layers`). */
function isWithin(path: string, home: string): boolean {
  return path === home || path.startsWith(`${home}.`) || path.startsWith(`${home}[`);
}

/**
 * The spec being edited, as written (unknown JSON: fields hold whatever was typed so that
 * validation can say what is wrong with it), its problems from the shared validator, and which
 * field on screen shows each problem. Fields claim the path they edit; a problem is shown by the
 * deepest claimed path that contains it, so a problem about a whole layer lands on its card.
 */
export class Draft {
  spec: SpecJson = $state.raw({});
  /** The spec as last loaded or saved, to tell unsaved changes. */
  savedText = $state('');

  readonly #claims = new SvelteMap<string, number>();
  /** Labels of the fields that have been on screen, kept after they leave (another tab). */
  readonly #labels = new SvelteMap<string, string>();

  readonly problems: SpecProblem[] = $derived.by(() => {
    const validation = validateSpec(this.spec);
    return validation.ok ? validation.warnings : validation.problems;
  });

  readonly errors: SpecProblem[] = $derived(
    this.problems.filter((problem) => problem.severity === 'error'),
  );

  readonly dirty: boolean = $derived(JSON.stringify(this.spec) !== this.savedText);

  /** Problems by the claimed path that shows them; unclaimed ones under the empty key. */
  readonly #shown: Record<string, SpecProblem[]> = $derived.by(() => {
    const shown: Record<string, SpecProblem[]> = {};
    for (const problem of this.problems) {
      const home = this.homeOf(problem.path) ?? '';
      shown[home] = [...(shown[home] ?? []), problem];
    }
    return shown;
  });

  load(spec: unknown): void {
    this.spec = spec !== null && typeof spec === 'object' ? (spec as SpecJson) : {};
    this.savedText = JSON.stringify(this.spec);
  }

  markSaved(): void {
    this.savedText = JSON.stringify(this.spec);
  }

  get(path: string): unknown {
    return getAt(this.spec, keysOf(path));
  }

  /** Writes `value` at `path`; undefined removes the field so that its default applies. */
  set(path: string, value: unknown): void {
    const keys = keysOf(path);
    this.spec = (
      value === undefined ? withoutAt(this.spec, keys) : setAt(this.spec, keys, value)
    ) as SpecJson;
  }

  /**
   * Declares that a field on screen shows the problems at `path`, under `label`; returns the
   * release.
   */
  claim(path: string, label?: string): () => void {
    // Claiming happens inside the field's effect, which must not depend on the claims it changes.
    untrack(() => {
      this.#claims.set(path, (this.#claims.get(path) ?? 0) + 1);
      if (label !== undefined && this.#labels.get(path) !== label) this.#labels.set(path, label);
    });
    return () =>
      untrack(() => {
        const count = (this.#claims.get(path) ?? 1) - 1;
        if (count === 0) this.#claims.delete(path);
        else this.#claims.set(path, count);
      });
  }

  /** The name a person reads for `path`: its field's label ("Layer 2 · Units"). */
  labelOf(path: string): string {
    return fieldLabel(path, (at) => this.#labels.get(at));
  }

  /** The claimed path that shows a problem at `problemPath`, or null when none is on screen. */
  homeOf(problemPath: string): string | null {
    let best: string | null = null;
    for (const path of this.#claims.keys()) {
      if (isWithin(problemPath, path) && (best === null || path.length > best.length)) best = path;
    }
    return best;
  }

  messagesAt(path: string): FieldMessage[] {
    return (this.#shown[path] ?? []).map((problem) => ({
      severity: problem.severity,
      text: messageText(problem, path),
    }));
  }
}

/**
 * A problem as its field shows it: the message, the value received when it helps, and the path
 * below the field when the problem is about a part of it.
 */
function messageText(problem: SpecProblem, home: string): string {
  const inside = problem.path.slice(home.length).replace(/^\./, '');
  const where = inside === '' ? '' : `${inside}: `;
  const text = `${where}${problem.message}`;
  const received = JSON.stringify(problem.received);
  const worthShowing =
    received !== undefined && received.length <= 40 && typeof problem.received !== 'object';
  return worthShowing ? `${capitalize(text)} (received ${received}).` : `${capitalize(text)}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const DRAFT = Symbol('draft');

export function provideDraft(draft: Draft): void {
  setContext(DRAFT, draft);
}

export function useDraft(): Draft {
  const draft = getContext<Draft | undefined>(DRAFT);
  if (!draft) throw new Error('editor: a field was used outside the experiment editor');
  return draft;
}

/** The id of the control that edits `path`, for labels and for jumping to a problem. */
export function fieldId(path: string): string {
  return `field:${path}`;
}
