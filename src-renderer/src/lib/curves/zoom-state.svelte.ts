import { widenedRange } from './plot-data';
import type { XRange } from './plot-model';

/** How long zooming must pause before the core is asked for the finer curves. */
const REFETCH_PAUSE_MS = 150;

/**
 * The x range charts show, shared by the charts of a view. `range` follows every wheel turn and
 * key press at once; `fetchRange` (a little wider, so panning finds points waiting) follows once
 * the person pauses, and is what the curves are asked for.
 */
export class ZoomState {
  range: XRange = $state(null);
  fetchRange: XRange = $state(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  change = (next: XRange): void => {
    this.range = next;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.fetchRange = widenedRange(next, 0.5)), REFETCH_PAUSE_MS);
  };

  reset = (): void => {
    clearTimeout(this.#timer);
    this.range = null;
    this.fetchRange = null;
  };
}
