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

function problemAt(path: readonly PropertyKey[], message: string, input: unknown): Problem {
  const where = formatPath(path);
  const received = valueAt(input, path);
  return {
    path: where,
    message,
    received,
    text: `${where}: ${message}, received ${describeReceived(received)}`,
  };
}

/**
 * Turns zod issues into problems that name the field, what is wrong and what was received. An
 * unknown key becomes one problem per key, at the key itself, so a misspelt field is named.
 */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) =>
          problemAt([...issue.path, key], 'is not a known field (check the spelling)', input),
        )
      : [problemAt(issue.path, issue.message, input)],
  );
}

/**
 * Plain-English fallbacks for the messages a schema does not set itself; pass it to a parse
 * (`schema.safeParse(input, { error: plainEnglishError })`). Returning undefined keeps zod's text.
 */
export const plainEnglishError: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return issue.expected === 'object'
      ? 'must be an object ({ ... })'
      : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  }
  return undefined;
};
