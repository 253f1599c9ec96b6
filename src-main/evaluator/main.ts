import {
  EVALUATOR_PROTOCOL_VERSION,
  evaluateMessageSchema,
} from '@shared/contract/evaluator-protocol';
import { answerParent } from '../child/answer-parent';
import { selectBackend } from '../trainer/backend/select-backend';
import { scoreEnsemble } from './score-ensemble';

/**
 * Entry of the ensemble evaluator (out/main/ensemble.js): a short-lived child process that scores
 * one deep ensemble and exits, so TF.js never runs in the lab core itself.
 */
answerParent({
  requestSchema: evaluateMessageSchema,
  version: EVALUATOR_PROTOCOL_VERSION,
  protocol: 'evaluator',
  answer: async (request) => {
    await selectBackend({ forced: null, cudaVisibleDevices: undefined });
    return scoreEnsemble(request);
  },
});
