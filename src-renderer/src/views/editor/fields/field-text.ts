/**
 * What typed text becomes in the spec. Text that is not a number stays text, so the shared
 * validator says what is wrong with it instead of the field silently dropping it.
 */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** '' → undefined (the field's default applies); '1e-3' → 0.001; 'abc' → 'abc'. */
export function numberFromText(text: string): unknown {
  const trimmed = text.trim().replace(/^−/, '-');
  if (trimmed === '') return undefined;
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
}

/** '1, 2, 3' → [1, 2, 3]; '' → []; items that are not numbers stay text. */
export function numberListFromText(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(/[,\s]+/).map((item) => numberFromText(item) ?? item);
}

/** '3' → 3, '3, 5' → [3, 5]: a size written as one number or as a pair. */
export function numberOrListFromText(text: string): unknown {
  const list = numberListFromText(text);
  return list.length === 1 ? list[0] : list.length === 0 ? undefined : list;
}

/** Values of a random-search choice: JSON where it parses ('0.1', 'true', '"relu"'), else text. */
export function valueListFromText(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(',').map((item) => {
    const part = item.trim();
    try {
      return JSON.parse(part) as unknown;
    } catch {
      return part;
    }
  });
}

/** 'a, b ,c' → ['a', 'b', 'c']: tags and other lists of words. */
export function wordListFromText(text: string): string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

/** The text a field shows for a spec value. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => textOf(item)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Epochs are counted from 1 wherever a person reads them (charts, tables, CSV), while a spec
 * stores an epoch index from 0: '1' → 0 (the first epoch); text that is not a number stays text.
 */
export function epochIndexFromText(text: string): unknown {
  const value = numberFromText(text);
  return typeof value === 'number' ? value - 1 : value;
}

/** The 1-based epoch a field shows for a spec's 0-based epoch index. */
export function epochText(index: unknown): string {
  return typeof index === 'number' ? String(index + 1) : textOf(index);
}
