import { parsePath } from '@shared/experiment/paths';

/**
 * The name a person reads for a spec path: the label of the field that edits it (or of the
 * nearest field around it), else the path's last name spelled out, with "Layer N · " in front for
 * a layer's fields, counted from 1.
 */
export function fieldLabel(path: string, labelOf: (path: string) => string | undefined): string {
  const keys = parsePath(path) ?? [path];
  const layer = path.startsWith('model.layers[') ? keys[2] : undefined;
  const prefix = typeof layer === 'number' ? `Layer ${layer + 1} · ` : '';
  for (let end = keys.length; end > 0; end--) {
    const label = labelOf(pathOf(keys.slice(0, end)));
    if (label !== undefined) return label.startsWith('Layer ') ? label : `${prefix}${label}`;
    // A layer's own fields are named; above the layer, its number says enough.
    if (prefix !== '' && end === 3) return `${prefix}${spelled(keys[keys.length - 1])}`;
  }
  return `${prefix}${spelled(keys[keys.length - 1])}`;
}

function pathOf(keys: readonly (string | number)[]): string {
  return keys
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

function spelled(key: string | number | undefined): string {
  if (typeof key === 'number') return `item ${key + 1}`;
  const words = (key ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
