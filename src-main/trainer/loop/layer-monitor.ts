import type { LayerStats } from '@shared/contract/trainer-protocol';
import type { StepOutcome } from './train-step';

/** Plain data, saved with a resume checkpoint. */
export interface LayerMonitorState {
  /** Sums over the current epoch's batches, per layer. */
  gradientNormSum: number[];
  updateRatioSum: number[];
  batches: number;
  /** Over the whole run, for diagnosing an explosion: the latest finite norm and the mean before it. */
  lastFiniteNorm: (number | null)[];
  meanBeforeLast: (number | null)[];
  finiteNormSum: number[];
  finiteNormCount: number[];
}

export interface Explosion {
  layer: string | null;
  layerGradientNorm: number | null;
  typicalGradientNorm: number | null;
}

/**
 * Per-layer gradient norms and update/weight ratios, aggregated from per-parameter squared norms:
 * a layer's norm is the L2 norm over all its parameters (kernel and bias together).
 */
export class LayerMonitor {
  private readonly layerOfParameter: number[];

  constructor(
    readonly layers: readonly string[],
    parameterOwners: readonly string[],
    private state: LayerMonitorState = {
      gradientNormSum: layers.map(() => 0),
      updateRatioSum: layers.map(() => 0),
      batches: 0,
      lastFiniteNorm: layers.map(() => null),
      meanBeforeLast: layers.map(() => null),
      finiteNormSum: layers.map(() => 0),
      finiteNormCount: layers.map(() => 0),
    },
  ) {
    this.layerOfParameter = parameterOwners.map((owner) => layers.indexOf(owner));
  }

  get snapshot(): LayerMonitorState {
    return structuredClone(this.state);
  }

  private perLayer(squares: Float64Array): number[] {
    const sums = this.layers.map(() => 0);
    squares.forEach((value, p) => {
      const layer = this.layerOfParameter[p] as number;
      sums[layer] = (sums[layer] as number) + value;
    });
    return sums.map(Math.sqrt);
  }

  /** The norms of a step's raw gradients, per layer (NaN or Infinity when they blew up). */
  gradientNorms(outcome: StepOutcome): number[] {
    return this.perLayer(outcome.gradientSquares);
  }

  add(outcome: StepOutcome): void {
    const gradient = this.gradientNorms(outcome);
    const update = this.perLayer(outcome.updateSquares);
    const weight = this.perLayer(outcome.weightSquares);
    const s = this.state;
    s.batches += 1;
    gradient.forEach((norm, layer) => {
      s.gradientNormSum[layer] = (s.gradientNormSum[layer] as number) + norm;
      const ratio =
        (weight[layer] as number) > 0 ? (update[layer] as number) / (weight[layer] as number) : 0;
      s.updateRatioSum[layer] = (s.updateRatioSum[layer] as number) + ratio;
      if (Number.isFinite(norm)) {
        const count = s.finiteNormCount[layer] as number;
        s.meanBeforeLast[layer] = count === 0 ? null : (s.finiteNormSum[layer] as number) / count;
        s.lastFiniteNorm[layer] = norm;
        s.finiteNormSum[layer] = (s.finiteNormSum[layer] as number) + norm;
        s.finiteNormCount[layer] = (s.finiteNormCount[layer] as number) + 1;
      }
    });
  }

  /** The epoch's means; resets the epoch sums. */
  finishEpoch(deadRelu: ReadonlyMap<string, number>): LayerStats[] {
    const s = this.state;
    const stats = this.layers.map((layer, i) => ({
      layer,
      gradientNorm: s.batches === 0 ? 0 : (s.gradientNormSum[i] as number) / s.batches,
      updateRatio: s.batches === 0 ? 0 : (s.updateRatioSum[i] as number) / s.batches,
      deadReluFraction: deadRelu.get(layer) ?? null,
    }));
    s.gradientNormSum = this.layers.map(() => 0);
    s.updateRatioSum = this.layers.map(() => 0);
    s.batches = 0;
    return stats;
  }

  /**
   * The layer to blame for a non-finite step: the only layers whose gradients went non-finite when
   * some stayed finite; otherwise the layer whose latest finite norm stood furthest above its own
   * mean, i.e. the one that was exploding just before everything turned into NaN.
   */
  explosion(outcome: StepOutcome): Explosion {
    const current = this.gradientNorms(outcome);
    const s = this.state;
    const meanSoFar = (i: number): number | null => {
      const count = s.finiteNormCount[i] as number;
      return count === 0 ? null : (s.finiteNormSum[i] as number) / count;
    };
    const broken = current.flatMap((norm, i) => (Number.isFinite(norm) ? [] : [i]));
    if (broken.length > 0 && broken.length < current.length) {
      const i = broken[0] as number;
      return {
        layer: this.layers[i] ?? null,
        layerGradientNorm: s.lastFiniteNorm[i] ?? null,
        typicalGradientNorm: meanSoFar(i),
      };
    }
    // Each layer's latest finite norm against its mean before that norm.
    const evidence = this.layers.map((_, i) =>
      Number.isFinite(current[i])
        ? { norm: current[i] as number, typical: meanSoFar(i) }
        : { norm: s.lastFiniteNorm[i] ?? null, typical: s.meanBeforeLast[i] ?? null },
    );
    let worst = -1;
    let worstRatio = -Infinity;
    evidence.forEach(({ norm, typical }, i) => {
      if (norm === null || typical === null || typical <= 0) return;
      if (norm / typical > worstRatio) {
        worstRatio = norm / typical;
        worst = i;
      }
    });
    const chosen = evidence[worst];
    if (chosen === undefined)
      return { layer: null, layerGradientNorm: null, typicalGradientNorm: null };
    return {
      layer: this.layers[worst] ?? null,
      layerGradientNorm: chosen.norm,
      typicalGradientNorm: chosen.typical,
    };
  }
}
