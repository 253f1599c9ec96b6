import {
  EVALUATOR_PROTOCOL_VERSION,
  evaluateMessageSchema,
  type EvaluatorToParent,
} from '@shared/contract/evaluator-protocol';
import { describeZodIssues } from '@shared/contract/zod-issues';
import { selectBackend } from '../trainer/backend/select-backend';
import { openParentChannel } from '../child/parent-channel';
import { scoreEnsemble } from './score-ensemble';

/**
 * Entry of the ensemble evaluator (out/main/ensemble.js): a short-lived child process that scores
 * one deep ensemble and exits, so TF.js never runs in the lab core itself.
 */
const channel = openParentChannel();

async function answer(raw: unknown): Promise<EvaluatorToParent> {
  const parsed = evaluateMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeZodIssues(parsed.error.issues, raw).map((p) => p.text);
    return { type: 'failed', message: `Malformed message from the lab: ${problems.join('; ')}` };
  }
  const request = parsed.data;
  if (request.version !== EVALUATOR_PROTOCOL_VERSION) {
    return {
      type: 'failed',
      message: `The lab speaks evaluator protocol ${request.version}; this evaluator speaks ${EVALUATOR_PROTOCOL_VERSION}.`,
    };
  }
  await selectBackend({ forced: null, cudaVisibleDevices: undefined });
  return scoreEnsemble(request);
}

channel.onMessage((raw) => {
  void answer(raw)
    .catch((error: unknown): EvaluatorToParent => ({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }))
    .then(async (reply) => {
      await channel.send(reply);
      channel.close();
    });
});
