/** PyTorch CosineAnnealingWarmRestarts (SGDR): cycles of t0, t0·tMult, t0·tMult², ... steps. */

export interface WarmRestartsParams {
  baseLr: number;
  t0: number;
  tMult: number;
  etaMin: number;
}

/** Position of step k inside its cycle: tCur steps into a cycle of tI steps. */
function warmRestartsPosition(params: WarmRestartsParams, k: number): { tCur: number; tI: number } {
  if (params.tMult === 1) return { tCur: k % params.t0, tI: params.t0 };
  let start = 0;
  let tI = params.t0;
  while (k >= start + tI) {
    start += tI;
    tI *= params.tMult;
  }
  return { tCur: k - start, tI };
}

export function warmRestartsLr(params: WarmRestartsParams, k: number): number {
  const { tCur, tI } = warmRestartsPosition(params, k);
  return (
    params.etaMin + ((params.baseLr - params.etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2
  );
}

/** Steps at which a restart happens, below `until`. */
export function warmRestartsStarts(params: WarmRestartsParams, until: number): number[] {
  const starts: number[] = [];
  let tI = params.t0;
  for (let k = params.t0; k < until; k += tI) {
    starts.push(k);
    tI *= params.tMult;
  }
  return starts;
}
