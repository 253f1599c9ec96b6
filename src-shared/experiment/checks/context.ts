import { z } from 'zod';
import { valueAt } from '../../contract/zod-issues';
import type { DataFacts } from '../datasets';
import { knownFacts, type KnownFacts } from '../facts';
import { layerSchema, type Layer } from '../model';
import { defaultLossFor, type Loss } from '../optimization';
import { sectionSchemas, type SectionName } from '../spec';

type Sections = { [K in SectionName]: z.output<(typeof sectionSchemas)[K]> };

/**
 * What the cross-section checks look at: every section that parsed on its own (a broken section
 * does not hide problems elsewhere), each layer parsed on its own for the same reason, and the
 * facts known about the data.
 */
export interface CheckContext {
  sections: Partial<Sections>;
  /** Each layer, or null where that layer does not parse; empty when `model.layers` is no list. */
  layers: (Layer | null)[];
  facts: KnownFacts | null;
}

function field(input: unknown, key: string): unknown {
  return input !== null && typeof input === 'object'
    ? (input as Record<string, unknown>)[key]
    : undefined;
}

/** A copy of `value` without the entry at `path`; null when the path runs through a list. */
function without(value: unknown, path: readonly PropertyKey[]): unknown {
  const [key, ...rest] = path;
  if (key === undefined || value === null || typeof value !== 'object' || Array.isArray(value))
    return null;
  const record = value as Record<PropertyKey, unknown>;
  if (rest.length === 0) {
    const { [key]: _dropped, ...kept } = record;
    return kept;
  }
  const inner = without(record[key], rest);
  return inner === null ? null : { ...record, [key]: inner };
}

const MAX_REPAIRS = 8;

/**
 * A section parsed leniently for the cross-field checks: fields the schema rejects are dropped so
 * their defaults stand in, letting one bad field leave the rest of the section checkable (its own
 * problem is reported by the schema pass). Undefined when that is not enough, e.g. a required
 * field is broken or the problem sits inside a list.
 */
function parseSection<K extends SectionName>(name: K, input: unknown): Sections[K] | undefined {
  let raw = field(input, name);
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt += 1) {
    const parsed = sectionSchemas[name].safeParse(raw);
    if (parsed.success) return parsed.data as Sections[K];
    const paths = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...issue.path, key])
        : [issue.path],
    );
    for (const path of paths) {
      const repaired = path.some((key) => typeof key === 'number') ? null : without(raw, path);
      if (repaired === null || valueAt(raw, path) === undefined) return undefined;
      raw = repaired;
    }
  }
  return undefined;
}

export function buildContext(input: unknown, facts?: DataFacts): CheckContext {
  const sections: Partial<Sections> = {
    data: parseSection('data', input),
    split: parseSection('split', input),
    model: parseSection('model', input),
    optimization: parseSection('optimization', input),
    training: parseSection('training', input),
    strategy: parseSection('strategy', input),
  };
  const rawLayers = field(field(input, 'model'), 'layers');
  const layers = Array.isArray(rawLayers)
    ? rawLayers.map((layer) => {
        const parsed = layerSchema.safeParse(layer);
        return parsed.success ? parsed.data : null;
      })
    : [];
  return {
    sections,
    layers,
    facts: sections.data === undefined ? null : knownFacts(sections.data, facts),
  };
}

/** The loss in effect: the one named, or the task's default for `"auto"` once the task is known. */
export function effectiveLoss(context: CheckContext): { loss: Loss; isDefault: boolean } | null {
  const setting = context.sections.optimization?.loss;
  if (setting === undefined) return null;
  if (setting !== 'auto') return { loss: setting, isDefault: false };
  const task = context.facts?.task ?? null;
  return task === null ? null : { loss: defaultLossFor(task), isDefault: true };
}

/** The layers up to the first one that does not parse. */
export function leadingSoundLayers(context: CheckContext): Layer[] {
  const broken = context.layers.indexOf(null);
  return (broken === -1 ? context.layers : context.layers.slice(0, broken)) as Layer[];
}
