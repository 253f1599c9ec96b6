import {
  LANDSCAPE_PROTOCOL_VERSION,
  landscapeRequestSchema,
  type LandscapeToParent,
} from '@shared/contract/landscape-protocol';
import { describeZodIssues } from '@shared/contract/zod-issues';
import { selectBackend } from '../../trainer/backend/select-backend';
import { openParentChannel } from '../../child/parent-channel';
import { computeLandscape } from './compute-landscape';
import { loadLandscapeInputs } from './landscape-inputs';
import { createLandscapeScorer } from './landscape-scorer';

/**
 * Entry of the landscape evaluator (out/main/landscape.js): a short-lived child process that
 * scores checkpoints' interpolations on train and validation, reports progress after every point,
 * answers once and exits, so TF.js never runs in the lab core itself.
 */
const channel = openParentChannel();

async function answer(raw: unknown): Promise<LandscapeToParent> {
  const parsed = landscapeRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeZodIssues(parsed.error.issues, raw).map((p) => p.text);
    return { type: 'failed', message: `Malformed message from the lab: ${problems.join('; ')}` };
  }
  const request = parsed.data;
  if (request.version !== LANDSCAPE_PROTOCOL_VERSION) {
    return {
      type: 'failed',
      message: `The lab speaks landscape protocol ${request.version}; this evaluator speaks ${LANDSCAPE_PROTOCOL_VERSION}.`,
    };
  }
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
}

channel.onMessage((raw) => {
  void answer(raw)
    .catch((error: unknown): LandscapeToParent => ({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }))
    .then(async (reply) => {
      await channel.send(reply);
      channel.close();
    });
});
