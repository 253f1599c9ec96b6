import type { CurveAxis } from '@shared/contract/curves';
import type { ExportKind } from '@shared/contract/exports';
import type { RunDetail, RunEpochEvent } from '@shared/contract/runs';
import { lab, onReconnect } from '../lib/api';
import { quantitiesIn } from '../lib/curves/curve-keys';
import { distinct } from '../lib/lookup';
import { ZoomState } from '../lib/curves/zoom-state.svelte';
import { actOnRun, type RunAction } from '../lib/runs/run-actions';
import { paceFromRecord, type Pace } from '../lib/runs/run-status';

/**
 * What Run detail shows and how it stays current, apart from how it looks: the run (with its
 * attempts) read with runs.get, read again when its status changes and after a dropped connection
 * (whose events are lost), and each epoch event applied in place: the pace, the charts' live point
 * and the layer charts' cue to ask again.
 */
export class RunDetailModel {
  run: RunDetail | null = $state(null);
  problem = $state('');
  actionProblem = $state('');
  x: CurveAxis = $state('epoch');
  /** Bumped when records changed in a way curves cannot follow in place (retry, reconnect). */
  refresh = $state(0);
  /** The last epoch event: the curves add it; the layer charts, fetched per layer, ask again. */
  live: RunEpochEvent | null = $state.raw(null);
  layerRefresh = $state(0);
  pace: Pace | undefined = $state();
  /** Ticks every second, so the ETA counts down between epoch events. */
  now = $state(Date.now());
  readonly zoom = new ZoomState();

  readonly #id: () => number;
  /** Only the reply to the latest request is kept (a reload may overtake an earlier one). */
  #latest = 0;

  /** `id` reads which run is shown, e.g. a component's prop. */
  constructor(id: () => number) {
    this.#id = id;
  }

  get id(): number {
    return this.#id();
  }

  readonly quantities = $derived(
    this.run === null ? [] : quantitiesIn(Object.keys(this.run.metrics)),
  );
  readonly curveQuantities = $derived(this.quantities.filter((q) => q.kind !== 'layer'));
  // Loss, the first other metric and the learning rate first; the other metrics on request.
  readonly firstQuantities = $derived(
    this.curveQuantities.filter((q, i) => i < 2 || q.kind === 'learningRate'),
  );
  readonly moreQuantities = $derived(
    this.curveQuantities.filter((q) => !this.firstQuantities.includes(q)),
  );
  readonly layers = $derived(
    [...distinct(this.quantities.flatMap((q) => (q.kind === 'layer' ? [q.layer] : [])))].sort(),
  );
  readonly exportKinds = $derived.by((): ExportKind[] => {
    if (this.run === null) return [];
    const kinds = this.run.checkpoints.map((c) => c.kind);
    return [
      ...(kinds.includes('best') ? (['best'] as const) : []),
      ...(kinds.includes('swa') ? (['swa'] as const) : []),
      ...(kinds.includes('snapshot') ? (['ensemble'] as const) : []),
    ];
  });

  readonly load = async (): Promise<void> => {
    const id = this.id;
    const ticket = ++this.#latest;
    const reply = await lab.call('runs.get', { id });
    if (ticket !== this.#latest) return;
    if (reply.ok) {
      this.run = reply.value;
      this.problem = '';
      this.pace ??= paceFromRecord(reply.value, Date.now()) ?? undefined;
    } else {
      this.problem = reply.error.message;
    }
  };

  /** Starts over on another run (following a link from one run to another). */
  open(): void {
    this.run = null;
    this.pace = undefined;
    this.live = null;
    this.zoom.reset();
    void this.load();
  }

  readonly act = async (action: RunAction): Promise<void> => {
    this.actionProblem = (await actOnRun(action, this.id)) ?? '';
    if (action === 'retry') this.refresh += 1;
    await this.load();
  };

  /** Follows the lab's events until the returned stop is called. */
  start(): () => void {
    const tick = setInterval(() => (this.now = Date.now()), 1000);
    const stops = [
      onReconnect(() => {
        this.refresh += 1;
        void this.load();
      }),
      // A status change may begin or end an attempt: the record is read again.
      lab.on('run.status', (event) => {
        if (event.runId === this.id) void this.load();
      }),
      lab.on('run.epoch', (event) => {
        if (event.runId !== this.id) return;
        this.pace = {
          epoch: event.epoch,
          epochs: event.epochs,
          etaMs: event.etaMs,
          measuredAt: Date.now(),
        };
        this.live = event;
        this.layerRefresh += 1;
        if (this.run && (this.run.epoch ?? 0) < event.epoch) this.run.epoch = event.epoch;
      }),
    ];
    return () => {
      clearInterval(tick);
      stops.forEach((stop) => stop());
      this.zoom.reset();
    };
  }
}
