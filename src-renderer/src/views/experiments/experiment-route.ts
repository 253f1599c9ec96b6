import { hrefOf } from '../../lib/routes';

/** `#/experiments` lists the experiments; `#/experiments/<id>` opens one in the editor. */
export const listHref = hrefOf('experiments');

export function editorHref(id: number): string {
  return `${listHref}/${id}`;
}

export function experimentIdFromHash(hash: string): number | null {
  const match = /^#\/?experiments\/(\d+)\/?$/.exec(hash);
  return match?.[1] === undefined ? null : Number(match[1]);
}
