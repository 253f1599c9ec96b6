import {
  LANDSCAPE_PROTOCOL_VERSION,
  landscapeRequestSchema,
  type LandscapeToParent,
} from '@shared/contract/landscape-protocol';
import { selectBackend } from '../../trainer/backend/select-backend';
import { answerParent } from '../../child/answer-parent';
import { computeLandscape } from './compute-landscape';
import { loadLandscapeInputs } from './landscape-inputs';
import { createLandscapeScorer } from './landscape-scorer';

/**
 * Entry of the landscape evaluator (out/main/landscape.js): a short-lived child process that
 * scores checkpoints' interpolations on train and validation, reports progress after every point,
 * answers once and exits, so TF.js never runs in the lab core itself.
 */
answerParent({
  requestSchema: landscapeRequestSchema,
  version: LANDSCAPE_PROTOCOL_VERSION,
  protocol: 'landscape',
  answer: async (request, channel): Promise<LandscapeToParent> => {
    await selectBackend({ forced: null, cudaVisibleDevices: undefined });
    const inputs = await loadLandscapeInputs(request);
    const scorer = createLandscapeScorer(inputs.setup, inputs.data, {
      recompute: request.recomputeBatchNorm,
      batchSize: inputs.batchSize,
    });
    const result = await computeLandscape(
      {
        shape: request.shape,
        weights: inputs.weights,
        shapes: inputs.shapes,
        points: request.points,
        seed: request.seed,
      },
      scorer,
      (done, total) => channel.send({ type: 'progress', done, total }),
    );
    return { type: 'computed', result, recomputedBatchNorm: scorer.recomputesBatchNorm };
  },
});
