import { saveResume } from '../checkpoint/resume';
import type { RunContext } from './run-context';
import type { RunProgress } from './run-state';

function snapshotRng(ctx: RunContext): RunProgress['rng'] {
  return {
    shuffle: ctx.rng.shuffle.state(),
    dropout: ctx.rng.dropout.state(),
    noise: ctx.rng.noise.state(),
  };
}

/** Records the generators, schedule and monitor state in the progress before it is saved. */
function capture(ctx: RunContext, progress: RunProgress): RunProgress {
  progress.rng = snapshotRng(ctx);
  progress.learningRate = ctx.learningRate.state;
  progress.layerMonitor = ctx.layerMonitor.snapshot;
  return progress;
}

/** Saves a resume checkpoint of where `progress` stands and tells the lab; returns its folder. */
export async function writeResume(ctx: RunContext, progress: RunProgress): Promise<string> {
  const path = await saveResume(
    ctx.folder,
    ctx.step.network.model,
    ctx.folder.identity.specHash,
    capture(ctx, progress),
    ctx.step.optimizer,
  );
  await ctx.link.emit({
    type: 'checkpoint',
    kind: 'resume',
    epoch: progress.epochsCompleted,
    path,
    metrics: {},
  });
  return path;
}
