/**
 * Every place in the app as one Route, read from the URL hash by one parser and written back by
 * the href functions below (the router listens for hash changes once, for every view).
 */

/** The app's places, in navigation order. */
export const routes = [
  { id: 'experiments', label: 'Experiments' },
  { id: 'runs', label: 'Runs' },
  { id: 'compare', label: 'Compare' },
  { id: 'devices', label: 'Devices' },
] as const;

export type RouteId = (typeof routes)[number]['id'];

/** What Compare shows: whole experiments (every run, now and later) and single runs. */
export interface CompareSelection {
  experimentIds: number[];
  runIds: number[];
}

export type Route =
  /** The list (null), one experiment in the editor, or a new one not stored yet. */
  | { view: 'experiments'; experiment: number | 'new' | null }
  /** The queue and history (null), or one run's detail. */
  | { view: 'runs'; runId: number | null }
  | { view: 'compare'; selection: CompareSelection }
  | { view: 'devices' };

const ids = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);

function selectionOf(rest: string): CompareSelection {
  return {
    experimentIds: ids(/(?:^|\/)experiments\/([^/]+)/.exec(rest)?.[1]),
    runIds: ids(/(?:^|\/)runs\/([^/]+)/.exec(rest)?.[1]),
  };
}

/**
 * `#/experiments`, `#/experiments/12`, `#/experiments/new`, `#/runs`, `#/runs/7`,
 * `#/compare/experiments/3,4/runs/9,12`, `#/devices`; anything else is the experiments list.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').replace(/\/$/, '');
  const [view = '', ...restParts] = path.split('/');
  const rest = restParts.join('/');
  switch (view) {
    case 'runs': {
      const id = /^\d+$/.test(rest) ? Number(rest) : null;
      return { view: 'runs', runId: id };
    }
    case 'compare':
      return { view: 'compare', selection: selectionOf(rest) };
    case 'devices':
      return { view: 'devices' };
    default: {
      const experiment = view === 'experiments' && /^(\d+|new)$/.test(rest) ? rest : null;
      return {
        view: 'experiments',
        experiment: experiment === null || experiment === 'new' ? experiment : Number(experiment),
      };
    }
  }
}

export function hrefOf(id: RouteId): string {
  return `#/${id}`;
}

export const listHref = hrefOf('experiments');
export const newExperimentHref = `${listHref}/new`;
export const runsHref = hrefOf('runs');

export function editorHref(id: number): string {
  return `${listHref}/${id}`;
}

export function runHref(id: number): string {
  return `${runsHref}/${id}`;
}

/** `#/compare/experiments/3,4/runs/9,12`; either part may be left out. */
export function compareHref(selection: CompareSelection): string {
  const parts = [hrefOf('compare')];
  if (selection.experimentIds.length > 0)
    parts.push(`experiments/${selection.experimentIds.join(',')}`);
  if (selection.runIds.length > 0) parts.push(`runs/${selection.runIds.join(',')}`);
  return parts.join('/');
}
