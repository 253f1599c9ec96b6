import { hrefOf } from '../../lib/routes';

/** What Compare shows: whole experiments (every run, now and later) and single runs. */
export interface CompareSelection {
  experimentIds: number[];
  runIds: number[];
}

const ids = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);

/** `#/compare/experiments/3,4/runs/9,12`; either part may be left out. */
export function compareHref(selection: CompareSelection): string {
  const parts = [hrefOf('compare')];
  if (selection.experimentIds.length > 0)
    parts.push(`experiments/${selection.experimentIds.join(',')}`);
  if (selection.runIds.length > 0) parts.push(`runs/${selection.runIds.join(',')}`);
  return parts.join('/');
}

export function selectionFromHash(hash: string): CompareSelection {
  return {
    experimentIds: ids(/\/experiments\/([^/]+)/.exec(hash)?.[1]),
    runIds: ids(/\/runs\/([^/]+)/.exec(hash)?.[1]),
  };
}
