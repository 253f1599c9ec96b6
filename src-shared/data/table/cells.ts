/** How a raw text cell reads as a value: shared by file import and by prediction on raw records. */

const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);

// Stricter than Number(): no hex, no "Infinity", and an empty cell is not 0.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function isMissingCell(text: string): boolean {
  return MISSING_TOKENS.has(text.trim().toLowerCase());
}

/** The number a non-missing cell holds, or null when it is not a plain decimal number. */
export function parseNumberCell(text: string): number | null {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : null;
}
