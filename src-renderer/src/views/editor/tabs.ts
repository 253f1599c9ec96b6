/** The editor's tabs, and which one shows the field at a spec path. */
export const tabs = [
  { id: 'data', label: 'Data' },
  { id: 'model', label: 'Model' },
  { id: 'optimization', label: 'Optimization' },
  { id: 'strategy', label: 'Strategy' },
  { id: 'json', label: 'JSON' },
] as const;

export type TabId = (typeof tabs)[number]['id'];

const startsWith = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/** null for the fields in the editor's header (name, description, tags). */
export function tabOf(path: string): TabId | null {
  if (['name', 'description', 'tags'].some((field) => startsWith(path, field))) return null;
  if (startsWith(path, 'data') || startsWith(path, 'split')) return 'data';
  if (startsWith(path, 'model')) return 'model';
  if (
    startsWith(path, 'strategy') ||
    ['training.seed', 'training.backend', 'training.deterministic'].some((field) =>
      startsWith(path, field),
    )
  ) {
    return 'strategy';
  }
  if (startsWith(path, 'optimization') || startsWith(path, 'training')) return 'optimization';
  return 'json';
}
