import type { RunStatus, RunSummary, runsListParamsSchema } from '@shared/contract/runs';
import type { z } from 'zod';
import { SvelteSet } from 'svelte/reactivity';
import { lab } from '../../lib/api';
import { distinct } from '../../lib/lookup';

/** Rows asked of the lab at a time. */
const PAGE = 100;

export type WindowQuery = Omit<z.input<typeof runsListParamsSchema>, 'limit' | 'offset'> & {
  status: RunStatus[];
};

/**
 * A long run list read from the lab a page at a time, as the rows come into view: the lab filters,
 * sorts and counts (where the data lives), the page holds only the pages near what is shown. A new
 * query starts over; `reload` reads the pages in view again and forgets the others, so runs that
 * finished meanwhile appear without reading thousands of rows.
 */
export class RunWindow {
  total = $state(0);
  state: 'loading' | 'ready' | 'failed' = $state('loading');
  error = $state('');
  /** Counts the queries set: a new one is a new list, shown from its top. */
  queries = $state(0);
  /** Pages read, by page number. */
  #pages: Readonly<Record<number, RunSummary[]>> = $state.raw({});
  #query: WindowQuery | null = null;
  /** Bumped by every new query or reload: replies to older ones are dropped. */
  #generation = 0;
  readonly #asked = new SvelteSet<number>();
  #view = { first: 0, end: 0 };

  /** The run at `index` (0-based) in the list's order, or null while its page is on its way. */
  rowAt(index: number): RunSummary | null {
    return this.#pages[Math.floor(index / PAGE)]?.[index % PAGE] ?? null;
  }

  /** The runs read so far (the pages near the view). */
  readonly loaded: RunSummary[] = $derived(Object.values(this.#pages).flat());
  /** The metric keys of the runs read so far. */
  readonly metricKeys: string[] = $derived([
    ...distinct(this.loaded.flatMap((run) => Object.keys(run.metrics))),
  ]);

  setQuery(query: WindowQuery): void {
    this.#query = query;
    this.queries += 1;
    this.#generation += 1;
    this.#asked.clear();
    this.#pages = {};
    this.state = 'loading';
    void this.#fetchView();
  }

  /** The rows now in the DOM; their pages are read if they are not yet. */
  show(first: number, end: number): void {
    this.#view = { first, end };
    void this.#fetchView();
  }

  /** Reads what is in view again (runs changed); the other pages are read again when shown. */
  reload(): void {
    this.#generation += 1;
    this.#asked.clear();
    this.#pages = Object.fromEntries(
      Object.entries(this.#pages).filter(([page]) => this.#inView(Number(page))),
    );
    void this.#fetchView();
  }

  #viewPages(): number[] {
    const first = Math.floor(this.#view.first / PAGE);
    const last = Math.floor(Math.max(this.#view.first, this.#view.end - 1) / PAGE);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }

  #inView(page: number): boolean {
    return this.#viewPages().includes(page);
  }

  async #fetchView(): Promise<void> {
    const query = this.#query;
    if (query === null) return;
    const generation = this.#generation;
    const wanted = this.#viewPages().filter((page) => !this.#asked.has(page));
    wanted.forEach((page) => this.#asked.add(page));
    await Promise.all(
      wanted.map(async (page) => {
        const reply =
          query.status.length === 0
            ? { ok: true as const, value: { runs: [], total: 0 } }
            : await lab.call('runs.list', { ...query, limit: PAGE, offset: page * PAGE });
        if (generation !== this.#generation) return;
        if (!reply.ok) {
          this.#asked.delete(page);
          this.state = 'failed';
          this.error = reply.error.message;
          return;
        }
        this.#pages = { ...this.#pages, [page]: reply.value.runs };
        this.total = reply.value.total;
        this.state = 'ready';
        this.error = '';
      }),
    );
  }
}
