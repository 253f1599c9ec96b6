import * as tf from '@tensorflow/tfjs';
import type { EvaluateMessage, EvaluatorToParent } from '@shared/contract/evaluator-protocol';
import type { SplitPart } from '@shared/data/prepare/prepared';
import { resolve, type Loss, type ResolvedSpec } from '@shared/experiment';
import { loadDataset } from '../data/load-dataset';
import { loadLayersFolder } from '../checkpoints/layers-model.tfjs';
import type { CheckpointSidecar } from '@shared/contract/checkpoint-sidecar';
import { readCheckpointSidecar } from '../checkpoints/sidecar';
import { predictionMetrics } from '../trainer/evaluate/task-metrics';

interface Member {
  model: tf.LayersModel;
  output: CheckpointSidecar['output'];
}

async function loadMember(folder: string): Promise<Member> {
  const sidecar = await readCheckpointSidecar(folder);
  return { model: await loadLayersFolder(folder), output: sidecar.output };
}

/** A member's predictions as the trainer scores them: probabilities, values, or counts. */
function predict(member: Member, x: tf.Tensor): Float32Array {
  return tf.tidy(() => {
    const output = member.model.predict(x) as tf.Tensor;
    return (member.output === 'log-rate' ? tf.exp(output) : output).dataSync() as Float32Array;
  });
}

function concreteLoss(spec: ResolvedSpec): Loss {
  const loss = spec.optimization.loss;
  if (loss === 'auto') throw new Error('optimization.loss is still "auto" after the data was read');
  return loss;
}

/**
 * Scores the deep ensemble of the members — the equal-weight mean of their predictions — on the
 * requested splits of the members' data, with the metrics and loss the trainer reports.
 */
export async function scoreEnsemble(request: EvaluateMessage): Promise<EvaluatorToParent> {
  const given = request.spec as ResolvedSpec;
  const data = await loadDataset(given.data, given.split, {
    resourcesDir: request.data.resourcesDir,
    ...(request.data.fashionMnistDir === null
      ? {}
      : { fashionMnistDir: request.data.fashionMnistDir }),
    fold: request.fold ?? 0,
  });
  const spec = resolve(given, data.facts);
  const loss: Loss = concreteLoss(spec);
  const members = await Promise.all(request.members.map(loadMember));
  const classification =
    members[0]?.output === 'class-probabilities' || members[0]?.output === 'positive-probability';

  function scorePart(split: 'val' | 'test', part: SplitPart): Record<string, number> {
    if (part.count === 0) return {};
    const x = tf.tensor(part.x, [part.count, ...data.facts.inputShape]);
    let sum: Float64Array | undefined;
    for (const member of members) {
      const predicted = predict(member, x);
      const into = (sum ??= new Float64Array(predicted.length));
      predicted.forEach((value, i) => (into[i] = (into[i] ?? 0) + value));
    }
    x.dispose();
    const mean = Float32Array.from(sum ?? [], (value) => value / members.length);
    const columns = mean.length / part.count;
    return predictionMetrics(split, data.facts.task, loss, part.y, mean, columns).metrics;
  }

  const parts = { val: data.validation, test: data.test };
  const metrics = Object.assign(
    {},
    ...request.splits.map((split) => scorePart(split, parts[split])),
  ) as Record<string, number>;
  for (const member of members) member.model.dispose();
  return {
    type: 'evaluated',
    metrics,
    rule: classification ? 'mean-probability' : 'mean-prediction',
  };
}
