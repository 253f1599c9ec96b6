import type { z } from 'zod';

export interface Problem {
  /** Dotted path with array indices, e.g. `model.layers[2].units`. */
  path: string;
  message: string;
  received: unknown;
  text: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** Turns zod issues into problems that name the field, what is wrong and what was received. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    const received = valueAt(input, issue.path);
    return {
      path,
      message: issue.message,
      received,
      text: `${path}: ${issue.message}, received ${describeReceived(received)}`,
    };
  });
}
