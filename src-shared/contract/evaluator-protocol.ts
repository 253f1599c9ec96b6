import { z } from 'zod';
import { dataReferenceSchema } from './trainer-protocol';

/**
 * Messages between the lab core and the ensemble evaluator, a short-lived child process that scores
 * a deep ensemble (the mean of several runs' models) on the validation and test splits. Bump the
 * version whenever a message changes shape.
 */
export const EVALUATOR_PROTOCOL_VERSION = 2;

export const evaluateMessageSchema = z.strictObject({
  type: z.literal('evaluate'),
  version: z.number().int(),
  /** Checkpoint folders (layers format with checkpoint.json) of the members. */
  members: z.array(z.string().min(1)).min(1),
  /** A member run's resolved spec: its data and split are every member's. */
  spec: z.unknown(),
  fold: z.number().int().nonnegative().nullable(),
  data: dataReferenceSchema,
  /**
   * The splits to score. The lab asks for validation first, and for test only when the ensemble
   * is the experiment's pick on validation: test is scored once, on the model finally chosen.
   */
  splits: z.array(z.enum(['val', 'test'])).min(1),
});
export type EvaluateMessage = z.infer<typeof evaluateMessageSchema>;

export const evaluatorToParentSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('evaluated'),
    /** `val.*` and/or `test.*` metrics (the splits asked for) of the ensemble's mean prediction. */
    metrics: z.record(z.string(), z.number()),
    rule: z.enum(['mean-probability', 'mean-prediction']),
  }),
  z.strictObject({ type: z.literal('failed'), message: z.string() }),
]);
export type EvaluatorToParent = z.infer<typeof evaluatorToParentSchema>;
