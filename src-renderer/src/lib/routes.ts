/** The app's places, in navigation order; the URL hash names the current one. */
export const routes = [
  { id: 'experiments', label: 'Experiments' },
  { id: 'runs', label: 'Runs' },
  { id: 'compare', label: 'Compare' },
  { id: 'devices', label: 'Devices' },
] as const;

export type RouteId = (typeof routes)[number]['id'];

/** The first segment names the view (`#/experiments/12` is the Experiments view). */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split('/')[0];
  return routes.find((route) => route.id === id)?.id ?? 'experiments';
}

export function hrefOf(id: RouteId): string {
  return `#/${id}`;
}
