import { specProblem, type SpecProblem } from '../problems';
import type { CheckContext } from './context';

/**
 * SWA's anneal must end inside the run: SWALR uses its initial rate in the start epoch and reaches
 * the SWA rate `annealEpochs` epochs later, so that epoch must exist.
 */
function swaAnnealProblem(context: CheckContext): SpecProblem | null {
  const { strategy, training } = context.sections;
  const swa = strategy?.swa;
  if (swa === null || swa === undefined || training === undefined) return null;
  const { epochs } = training;
  const { startEpoch, annealEpochs, swaLr } = swa;
  const reached = startEpoch + annealEpochs;
  if (startEpoch >= epochs || reached < epochs) return null;
  return specProblem(
    'warning',
    ['strategy', 'swa', 'annealEpochs'],
    `SWA starts at epoch ${startEpoch} (0-based) and anneals over ${annealEpochs} epochs, so the SWA rate ${swaLr} is first used at epoch ${reached}, but the last epoch is ${epochs - 1} (training.epochs is ${epochs}): the rate never reaches it. Set annealEpochs ≤ ${epochs - 1 - startEpoch} or startEpoch ≤ ${Math.max(0, epochs - 1 - annealEpochs)}`,
    annealEpochs,
  );
}

export function scheduleChecks(context: CheckContext): SpecProblem[] {
  return [swaAnnealProblem(context)].filter((problem) => problem !== null);
}
