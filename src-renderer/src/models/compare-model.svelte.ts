import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { CurveAxis } from '@shared/contract/curves';
import type { ExportKind } from '@shared/contract/exports';
import {
  finishedStatuses,
  runSummarySchema,
  type RunEpochEvent,
  type RunStatusEvent,
  type RunSummary,
} from '@shared/contract/runs';
import { lab, onReconnect } from '../lib/api';
import { chartTheme } from '../lib/curves/chart-theme.svelte';
import { distinct, lookup } from '../lib/lookup';
import { quantitiesIn, quantityId } from '../lib/curves/curve-keys';
import { colorAt } from '../lib/curves/plot-model';
import { ZoomState } from '../lib/curves/zoom-state.svelte';
import type { CompareSelection } from '../lib/route';
import { describeMember } from '../lib/runs/run-status';
import {
  ALL_BUT_SEED,
  flattenConfig,
  groupBySettingsExceptSeed,
  groupRuns,
  varyingPaths,
} from '../lib/runs/group-by';
import { selectedRunIds } from '../lib/runs/selection';

/** Every run a person can pick; more than this is beyond what one comparison can show. */
const RUN_LIMIT = 5000;
/** Single runs offered to the settings diff; past this a list of runs is no way to choose. */
const DIFF_RUN_LIMIT = 40;
/** Status events of runs not listed yet (a launch) are gathered this long into one re-list. */
const RELIST_PAUSE_MS = 300;

/**
 * What Compare shows and how it stays current, apart from how it looks (svelte.dev's
 * Workspace.svelte.ts is the pattern): the runs listed once and then patched from status events,
 * live epochs handed to the charts to add in place, and the settings of many runs read in one
 * `runs.configs` call when grouping asks for them.
 */
export class CompareModel {
  runs: RunSummary[] = $state.raw([]);
  loadState: 'loading' | 'ready' | 'failed' = $state('loading');
  loadProblem = $state('');
  x: CurveAxis = $state('epoch');
  smoothing = $state(0);
  logY = $state(false);
  groupBy = $state('');
  shownIds: string[] | null = $state(null);
  /** Bumped when records changed in a way curves cannot follow in place (finished, reconnect). */
  refresh = $state(0);
  /** Bumped when runs finished, so strategy tables ask again. */
  finished = $state(0);
  /** The latest epoch of a chosen run, for the charts to add. */
  live: RunEpochEvent | null = $state.raw(null);
  /** Each run's settings as `path → value`, read when grouping asks for them. */
  readonly configs = new SvelteMap<number, Map<string, string>>();
  configsWanted = $state(false);
  readonly zoom = new ZoomState();

  #relist: ReturnType<typeof setTimeout> | undefined;
  readonly #configsAsked = new SvelteSet<number>();

  readonly #selection: () => CompareSelection;

  /** `selection` reads what the address says is compared, e.g. a component's prop. */
  constructor(selection: () => CompareSelection) {
    this.#selection = selection;
  }

  // A method, so the deriveds below (evaluated lazily) may read it.
  #selected(): CompareSelection {
    return this.#selection();
  }

  #lastChosenIds: number[] = [];
  /**
   * The chosen runs' ids; the same array while they stay the same, so a status patch of the run
   * list does not make every chart and panel that follows the choice ask the lab again.
   */
  readonly chosenIds: number[] = $derived.by(() => {
    const ids = selectedRunIds(this.#selected(), this.runs);
    const same =
      ids.length === this.#lastChosenIds.length &&
      ids.every((id, i) => id === this.#lastChosenIds[i]);
    if (!same) this.#lastChosenIds = ids;
    return this.#lastChosenIds;
  });
  readonly chosen: RunSummary[] = $derived(
    this.runs.filter((run) => this.chosenIds.includes(run.id)),
  );
  readonly byId = $derived(lookup(this.runs.map((run) => [run.id, run] as const)));
  readonly quantities = $derived(
    quantitiesIn(distinct(this.chosen.flatMap((run) => Object.keys(run.metrics)))),
  );
  readonly #defaultShown = $derived(
    this.quantities
      .filter((q) => q.kind === 'metric')
      .slice(0, 2)
      .map(quantityId),
  );
  readonly shown = $derived(
    this.quantities.filter((q) => (this.shownIds ?? this.#defaultShown).includes(quantityId(q))),
  );
  readonly metricNames = $derived(
    this.quantities.flatMap((q) => (q.kind === 'metric' ? [q.metric] : [])),
  );
  readonly experiments = $derived(
    [...lookup(this.chosen.map((run) => [run.experimentId, run.experimentName] as const))].map(
      ([id, name]) => ({ id, name }),
    ),
  );
  readonly #colorIndex = $derived(lookup(this.chosenIds.map((id, i) => [id, i] as const)));
  // chartTheme() follows the colour scheme, so the colours change with it.
  readonly #scheme = $derived.by(() => ({
    palette: chartTheme().palette,
    dark: window.matchMedia('(prefers-color-scheme: dark)').matches,
  }));
  readonly groupOptions = $derived(
    varyingPaths(this.chosenIds.flatMap((id) => this.configs.get(id) ?? [])),
  );
  readonly groups = $derived.by(() => {
    const by = this.groupBy;
    if (by === '') return null;
    if (by === ALL_BUT_SEED) {
      return groupBySettingsExceptSeed(this.chosenIds, (id) => this.configs.get(id));
    }
    if (by === 'experiment') {
      return groupRuns(
        this.chosenIds,
        'experiment',
        (id) => this.byId.get(id)?.experimentName ?? '?',
      );
    }
    return groupRuns(this.chosenIds, by, (id) => this.configs.get(id)?.get(by) ?? 'not set');
  });
  readonly configsMissing = $derived(this.chosenIds.filter((id) => !this.configs.has(id)).length);

  // Two experiments are compared first when there are two; else two runs (restarts differ in seed).
  readonly diffSources = $derived.by(() => {
    const whole = this.experiments.map((e) => ({
      key: `e${e.id}`,
      label: `Experiment: ${e.name}`,
      source: { kind: 'experiment' as const, id: e.id },
    }));
    const single = this.chosen.slice(0, DIFF_RUN_LIMIT).map((run) => ({
      key: `r${run.id}`,
      label: `Run ${run.id} (${run.experimentName}, ${describeMember(run)})`,
      source: { kind: 'run' as const, id: run.id },
    }));
    return whole.length > 1 ? [...whole, ...single] : [...single, ...whole];
  });

  readonly lookOf = (runId: number) => ({
    label: `Run ${runId}`,
    color: colorAt(this.#colorIndex.get(runId) ?? 0, this.#scheme.palette, this.#scheme.dark),
  });

  readonly bestOf = (runId: number, key: string) =>
    this.byId.get(runId)?.metrics[key]?.best ?? null;

  readonly groupColor = (label: string) =>
    colorAt(
      Math.max(0, this.groups?.findIndex((g) => g.label === label) ?? 0),
      this.#scheme.palette,
      this.#scheme.dark,
    );

  readonly loadRuns = async (): Promise<void> => {
    const reply = await lab.call('runs.list', { limit: RUN_LIMIT, sort: { by: 'queuedAt' } });
    if (reply.ok) {
      this.runs = reply.value.runs;
      this.loadState = 'ready';
    } else {
      this.loadState = 'failed';
      this.loadProblem = reply.error.message;
    }
  };

  /** Follows the lab's events until the returned stop is called. */
  start(): () => void {
    const stops = [
      lab.on('run.epoch', (event) => {
        this.#learnMetricKeys(event);
        if (this.chosenIds.includes(event.runId)) this.live = event;
      }),
      lab.on('run.status', (event) => this.#statusChanged(event)),
      // A deep ensemble is scored after its restarts finished; its row and the pick change then.
      lab.on('experiment.ensembleScored', (event) => {
        const shown = this.runs.some(
          (run) => run.experimentId === event.experimentId && this.chosenIds.includes(run.id),
        );
        if (shown) this.finished += 1;
      }),
      // Events sent while the connection was down are lost: read everything shown again.
      onReconnect(() => {
        void this.loadRuns();
        this.refresh += 1;
        this.finished += 1;
      }),
    ];
    void this.loadRuns();
    return () => {
      stops.forEach((stop) => stop());
      clearTimeout(this.#relist);
      this.zoom.reset();
    };
  }

  /** Patches the one run that changed; only runs not listed yet (a launch) cause a re-list. */
  #statusChanged(event: RunStatusEvent): void {
    const index = this.runs.findIndex((run) => run.id === event.runId);
    if (index < 0) {
      clearTimeout(this.#relist);
      this.#relist = setTimeout(() => void this.loadRuns(), RELIST_PAUSE_MS);
      return;
    }
    const { status, device, backend, error } = event;
    this.#replace(index, { ...(this.runs[index] as RunSummary), status, device, backend, error });
    if (!finishedStatuses.includes(status)) return;
    // A finished run's best and last values, test scores, duration and diagnosis changed, and only
    // the store has them (epoch events carry the epoch's values, not best-by-direction or test):
    // read that one run, once. Unchosen runs too, or choosing one later would show stale values.
    void lab.call('runs.get', { id: event.runId }).then((reply) => {
      const at = this.runs.findIndex((run) => run.id === event.runId);
      if (reply.ok && at >= 0) this.#replace(at, runSummarySchema.parse(reply.value));
    });
    if (this.chosenIds.includes(event.runId)) {
      this.refresh += 1;
      this.finished += 1;
    }
  }

  /**
   * A run listed before its first epoch has no metric keys, so no chart would be drawn for it
   * until it finished; its first epoch event names them. Only new keys patch the list, so this
   * happens about once per run, not once per epoch.
   */
  #learnMetricKeys(event: RunEpochEvent): void {
    const index = this.runs.findIndex((run) => run.id === event.runId);
    const run = this.runs[index];
    if (run === undefined) return;
    const added = Object.entries(event.metrics).filter(([key]) => !(key in run.metrics));
    if (added.length === 0) return;
    const metrics = { ...run.metrics };
    for (const [key, last] of added) metrics[key] = { best: null, bestEpoch: null, last };
    this.#replace(index, { ...run, metrics, epoch: event.epoch });
  }

  #replace(index: number, run: RunSummary): void {
    const next = [...this.runs];
    next[index] = run;
    this.runs = next;
  }

  /** Reads the settings of the chosen runs not read yet, all in one call. */
  readonly wantConfigs = async (): Promise<void> => {
    this.configsWanted = true;
    const ids = this.chosenIds.filter((id) => !this.#configsAsked.has(id));
    if (ids.length === 0) return;
    ids.forEach((id) => this.#configsAsked.add(id));
    const reply = await lab.call('runs.configs', { ids });
    if (!reply.ok) return void ids.forEach((id) => this.#configsAsked.delete(id));
    for (const { id, config } of reply.value.configs) this.configs.set(id, flattenConfig(config));
  };

  toggleQuantity(id: string, on: boolean): void {
    const current = this.shownIds ?? this.#defaultShown;
    this.shownIds = on ? [...current, id] : current.filter((other) => other !== id);
  }

  exportKinds(experimentId: number): ExportKind[] {
    return this.chosen.some(
      (run) => run.experimentId === experimentId && run.status === 'succeeded',
    )
      ? ['best', 'swa', 'ensemble']
      : [];
  }
}
