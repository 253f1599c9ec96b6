import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import type { ExportKind, ExportModelResult, Source } from '@shared/contract/exports';
import type { StoreReader } from '../store/open-store';
import { writeFolderAtomically } from '../files/atomic-write';
import { MODEL_FILE, WEIGHTS_FILE } from '../checkpoints/layers-files';
import type { CheckpointSidecar } from '@shared/contract/checkpoint-sidecar';
import { readCheckpointSidecar } from '../checkpoints/sidecar';
import { chooseModels, type ExportMember, type ExportPlan } from './choose-models';
import { checkOutsideDataDir, outputError } from './output-paths';
import predictScript from './predict.mjs?raw';
import { exportReadme } from './readme';

export interface ExportModelRequest {
  source: Source;
  kind: ExportKind;
  dir: string;
}

async function requireEmptyOrMissing(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new LabError('conflict', `${dir} is not empty; export into a new or empty folder.`);
  }
}

async function readSidecar(member: ExportMember): Promise<CheckpointSidecar> {
  try {
    return await readCheckpointSidecar(member.checkpoint.path);
  } catch (error) {
    throw new LabError(
      'not_found',
      `The ${member.checkpoint.kind} checkpoint of run ${member.run.id} cannot be read at ${member.checkpoint.path}: ${(error as Error).message}`,
    );
  }
}

/** One model's files, under `prefix` ('' for a single model, `member-01/` for an ensemble's). */
async function memberFiles(member: ExportMember, prefix: string) {
  const sidecar = await readSidecar(member);
  const read = (name: string) => readFile(join(member.checkpoint.path, name));
  const preprocessing = {
    format: 'basin-preprocessing',
    formatVersion: 1,
    task: sidecar.task,
    inputShape: sidecar.inputShape,
    output: sidecar.output,
    input: sidecar.preprocessing.input,
    target: sidecar.preprocessing.target,
  };
  return {
    sidecar,
    files: {
      [`${prefix}${MODEL_FILE}`]: await read(MODEL_FILE),
      [`${prefix}${WEIGHTS_FILE}`]: await read(WEIGHTS_FILE),
      [`${prefix}preprocessing.json`]: JSON.stringify(preprocessing, null, 1),
    },
  };
}

function describe(plan: ExportPlan): string {
  if (plan.kind === 'single') {
    const { run, checkpoint } = plan.member;
    const what = checkpoint.kind === 'swa' ? 'the SWA model' : `the ${checkpoint.kind} checkpoint`;
    return `${what} of run ${run.id} (restart ${run.restart + 1}${run.fold === null ? '' : `, fold ${run.fold + 1}`}), epoch ${checkpoint.epoch}`;
  }
  const runs = new Set(plan.members.map((m) => m.run.id));
  return plan.ensemble === 'snapshot'
    ? `the snapshot ensemble of run ${[...runs].join(', ')} (${plan.members.length} snapshots)`
    : `the deep ensemble of ${plan.members.length} restarts (one model each, runs ${[...runs].join(', ')})`;
}

/**
 * Writes the chosen model(s) to `dir` in TF.js layers format, with the preprocessing needed to
 * predict on raw inputs, a README on loading it in TF.js and converting it for Keras, and
 * predict.mjs. The folder appears complete or not at all.
 */
export async function exportModel(
  store: StoreReader,
  request: ExportModelRequest,
): Promise<ExportModelResult> {
  if (request.source.kind === 'experiment') store.experiments.get(request.source.id);
  const plan = chooseModels(store, request.source, request.kind);
  await checkOutsideDataDir(request.dir, dirname(store.file));
  await requireEmptyOrMissing(request.dir).catch((error: unknown) => {
    throw outputError(error, request.dir);
  });
  const members = plan.kind === 'single' ? [plan.member] : plan.members;
  const memberFolders =
    plan.kind === 'single' ? [] : members.map((_, i) => `member-${String(i + 1).padStart(2, '0')}`);
  const parts = await Promise.all(
    members.map((member, i) =>
      memberFiles(member, plan.kind === 'single' ? '' : `${memberFolders[i]}/`),
    ),
  );
  const first = parts[0];
  if (first === undefined) throw new LabError('not_found', 'There is no model to export.');
  const experiment = store.experiments.get(members[0]!.run.experimentId);
  const models = members.map(({ run, checkpoint }, i) => ({
    folder: memberFolders[i] ?? '.',
    runId: run.id,
    restart: run.restart,
    fold: run.fold,
    seed: run.seed,
    checkpoint: checkpoint.kind,
    epoch: checkpoint.epoch,
    validationMetrics: checkpoint.metrics,
  }));
  const files: Record<string, Uint8Array | string> = Object.assign(
    {},
    ...parts.map((p) => p.files),
  );
  if (plan.kind === 'ensemble') {
    files['ensemble.json'] = JSON.stringify(
      {
        format: 'basin-ensemble',
        formatVersion: 1,
        kind: plan.ensemble,
        rule: 'mean',
        members: models,
      },
      null,
      1,
    );
  }
  files['basin.json'] = JSON.stringify(
    {
      format: 'basin-export',
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      experiment: { id: experiment.id, name: experiment.name },
      source: request.source,
      kind: request.kind,
      models,
      testMetrics: plan.testMetrics,
    },
    null,
    1,
  );
  files['predict.mjs'] = predictScript;
  files['README.md'] = exportReadme({
    experimentName: experiment.name,
    description: describe(plan),
    task: first.sidecar.task,
    output: first.sidecar.output,
    preprocessing: first.sidecar.preprocessing,
    memberFolders,
    validationMetrics: plan.validationMetrics,
    testMetrics: plan.testMetrics,
  });
  await writeFolderAtomically(request.dir, files).catch((error: unknown) => {
    throw outputError(error, request.dir);
  });
  return {
    dir: request.dir,
    files: Object.keys(files).sort(),
    runIds: [...new Set(members.map((m) => m.run.id))],
    testMetrics: plan.testMetrics,
  };
}
