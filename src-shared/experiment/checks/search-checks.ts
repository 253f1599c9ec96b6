import { formatPath } from '../../contract/zod-issues';
import { getAt, parsePath, setAt, type PathKey } from '../paths';
import { specProblem, type SpecProblem } from '../problems';
import { sectionSchemas } from '../spec';
import type { SearchDimension } from '../strategy';
import type { CheckContext } from './context';

/** Sections a random search may vary; data, split and strategy stay fixed so restarts compare. */
export const searchableSections = ['model', 'optimization', 'training'] as const;
type SearchableSection = (typeof searchableSections)[number];

const isSearchable = (key: PathKey | undefined): key is SearchableSection =>
  (searchableSections as readonly PathKey[]).includes(key ?? '');

/** A value strictly inside the range and not a whole number, to catch fields that need `integer`. */
function fractionalProbe(min: number, max: number): number | null {
  const probe = min + (max - min) / Math.PI;
  return Number.isInteger(probe) ? null : probe;
}

/** The values a dimension can produce that must each give a valid section. */
function candidates(dimension: SearchDimension): { value: unknown; where: PathKey[] }[] {
  if (dimension.kind === 'choice') {
    return dimension.values.map((value, index) => ({ value, where: ['values', index] }));
  }
  const round = (value: number) => (dimension.integer ? Math.round(value) : value);
  const probe = dimension.integer ? null : fractionalProbe(dimension.min, dimension.max);
  return [
    { value: round(dimension.min), where: ['min'] },
    { value: round(dimension.max), where: ['max'] },
    ...(probe === null ? [] : [{ value: probe, where: ['integer'] as PathKey[] }]),
  ];
}

function dimensionProblems(
  context: CheckContext,
  dimension: SearchDimension,
  index: number,
): SpecProblem[] {
  const here: PathKey[] = ['strategy', 'restarts', 'randomSearch', index];
  const keys = parsePath(dimension.path);
  if (keys === null) {
    return [
      specProblem(
        'error',
        [...here, 'path'],
        'must be a path such as "optimization.optimizer.learningRate" or "model.layers[0].units"',
        dimension.path,
      ),
    ];
  }
  const [section, ...rest] = keys;
  if (!isSearchable(section)) {
    return [
      specProblem(
        'error',
        [...here, 'path'],
        `must start with ${searchableSections.join(', ')}: data, split and strategy stay fixed so that restarts remain comparable`,
        dimension.path,
      ),
    ];
  }
  if (section === 'training' && rest[0] === 'seed') {
    return [
      specProblem(
        'error',
        [...here, 'path'],
        'cannot vary training.seed: every restart already gets its own seed',
        dimension.path,
      ),
    ];
  }
  const parsedSection = context.sections[section];
  if (parsedSection === undefined) return [];
  const current = getAt(parsedSection, rest);
  if (current === undefined) {
    return [
      specProblem('error', [...here, 'path'], 'does not name a field of this spec', dimension.path),
    ];
  }
  if (dimension.kind === 'range' && typeof current !== 'number') {
    return [
      specProblem(
        'error',
        [...here, 'path'],
        `names a field that is not a number (it is ${JSON.stringify(current)}): use "values" to list choices`,
        dimension.path,
      ),
    ];
  }
  for (const { value, where } of candidates(dimension)) {
    const parsed = sectionSchemas[section].safeParse(setAt(parsedSection, rest, value));
    if (parsed.success) continue;
    const issue = parsed.error.issues[0];
    const reason =
      issue === undefined
        ? 'is not valid'
        : `${formatPath([section, ...issue.path])} ${issue.message}`;
    const hint =
      where[0] === 'integer' ? '; set "integer": true if the field takes whole numbers' : '';
    return [
      specProblem(
        'error',
        [...here, ...where],
        `gives ${JSON.stringify(value)}, but ${reason}${hint}`,
        value,
      ),
    ];
  }
  return [];
}

/** Every random-search dimension names a searchable field once, and every value it yields is valid. */
export function searchChecks(context: CheckContext): SpecProblem[] {
  const dimensions = context.sections.strategy?.restarts.randomSearch ?? [];
  const seen = new Set<string>();
  return dimensions.flatMap((dimension, index) => {
    const duplicate = seen.has(dimension.path);
    seen.add(dimension.path);
    return duplicate
      ? [
          specProblem(
            'error',
            ['strategy', 'restarts', 'randomSearch', index, 'path'],
            'is searched twice: list each field once',
            dimension.path,
          ),
        ]
      : dimensionProblems(context, dimension, index);
  });
}
