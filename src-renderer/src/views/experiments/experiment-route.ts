import { hrefOf } from '../../lib/routes';

/**
 * `#/experiments` lists the experiments; `#/experiments/<id>` opens one in the editor;
 * `#/experiments/new` opens an unsaved one, created on its first Save or Launch.
 */
export const listHref = hrefOf('experiments');

export function editorHref(id: number): string {
  return `${listHref}/${id}`;
}

export const newExperimentHref = `${listHref}/new`;

/** The experiment the hash opens: its id, 'new', or null for the list. */
export function experimentIdFromHash(hash: string): number | 'new' | null {
  const match = /^#\/?experiments\/(\d+|new)\/?$/.exec(hash);
  if (match?.[1] === undefined) return null;
  return match[1] === 'new' ? 'new' : Number(match[1]);
}
