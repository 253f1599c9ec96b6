import { isAbsolute, resolve } from 'node:path';
import { LabError } from '@shared/contract/envelope';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The spec fields that name data files, as [dotted path, object holding it, key]. */
function fileFields(spec: unknown): [string, Json, string][] {
  const source = isObject(spec) && isObject(spec.data) ? spec.data.source : undefined;
  if (!isObject(source)) return [];
  if (source.kind === 'csv') return [['data.source.path', source, 'path']];
  if (source.kind !== 'idx') return [];
  const fields: [string, Json, string][] = [];
  for (const part of ['train', 'test']) {
    const pair = source[part];
    if (!isObject(pair)) continue;
    for (const file of ['images', 'labels'])
      fields.push([`data.source.${part}.${file}`, pair, file]);
  }
  return fields;
}

/**
 * A copy of the spec with relative data file paths made absolute against `baseDir` (the folder of
 * the spec file the CLI read), since trainers read paths as given from another working folder.
 */
export function absolutizeDataPaths(spec: unknown, baseDir: string): unknown {
  const copy = structuredClone(spec);
  for (const [, holder, key] of fileFields(copy)) {
    const path = holder[key];
    if (typeof path === 'string' && path !== '' && !isAbsolute(path))
      holder[key] = resolve(baseDir, path);
  }
  return copy;
}

/** Refuses a launch whose data files are named by relative paths (relative to what?). */
export function requireAbsoluteDataPaths(spec: unknown): void {
  const relative = fileFields(spec).filter(([, holder, key]) => {
    const path = holder[key];
    return typeof path === 'string' && !isAbsolute(path);
  });
  if (relative.length === 0) return;
  const problems = relative.map(([field, holder, key]) => ({
    path: field,
    message: 'must be an absolute path',
    received: holder[key],
    text: `${field}: must be an absolute path, received ${JSON.stringify(holder[key])}`,
  }));
  throw new LabError(
    'invalid_argument',
    `The experiment cannot launch: ${problems.map((p) => p.text).join('; ')}`,
    problems,
  );
}
