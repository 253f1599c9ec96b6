import { hrefOf } from '../../lib/routes';

/** `#/runs` is the queue and history; `#/runs/<id>` is one run's detail. */
export const runsHref = hrefOf('runs');

export function runHref(id: number): string {
  return `${runsHref}/${id}`;
}

export function runIdFromHash(hash: string): number | null {
  const match = /^#\/?runs\/(\d+)\/?$/.exec(hash);
  return match?.[1] === undefined ? null : Number(match[1]);
}
