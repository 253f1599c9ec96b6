/** One option of a select: the value written to the spec and the words shown. */
export interface Choice {
  value: string;
  label: string;
}

/** Choices whose label is the value itself. */
export function plainChoices(values: readonly string[]): Choice[] {
  return values.map((value) => ({ value, label: value }));
}
