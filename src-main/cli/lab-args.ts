import { parseArgs } from 'node:util';
import type { ExportKind, Source } from '@shared/contract/exports';
import type { SlurmSettings } from '@shared/slurm/settings';
import { SLURM_RUN_OPTIONS, SLURM_USAGE, slurmOverrides } from './slurm-args';
import type { CheckpointRef } from '@shared/contract/landscape';
import { UsageError } from './usage-error';

export interface RunCommand {
  kind: 'run';
  specFile: string;
  dataDir: string | null;
  cpuSlots: number | null;
  gpus: number[] | null;
  slotsPerGpu: number | null;
  /** With --slurm: the Slurm settings the command line changes (possibly none); else null. */
  slurm: Partial<SlurmSettings> | null;
}

export interface LsCommand {
  kind: 'ls';
  dataDir: string | null;
  /** Lists this experiment's runs instead of the experiments. */
  experimentId: number | null;
}

export interface ShowCommand {
  kind: 'show';
  dataDir: string | null;
  runId: number;
}

export interface ExportCommand {
  kind: 'export';
  dataDir: string | null;
  source: Source;
  exportKind: ExportKind;
  to: string;
}

export interface LandscapeCommand {
  kind: 'landscape';
  dataDir: string | null;
  checkpoints: CheckpointRef[];
  points: number | null;
  seed: number | null;
  recomputeBatchNorm: boolean;
  json: boolean;
}

export type LabCommand = RunCommand | LsCommand | ShowCommand | ExportCommand | LandscapeCommand;

export const LAB_COMMANDS = `  run <experiment.json>   Train an experiment, showing progress, then compare its strategies
  ls               List experiments (or, with --experiment ID, that experiment's runs)
  show <run>       Show one run: status, timings, metrics, checkpoints, error
  export <run|experiment:ID> --kind best|swa|ensemble --to <dir>
                   Export a model in TF.js layers format with a README
  landscape <a> [<b> [<c>]] [--points N] [--seed S] [--json]
                   Loss and accuracy along the line from a to b (with its barrier), over the
                   plane through a, b, c, or over two random directions around a`;

export const LAB_OPTIONS = `Options for run:
  --data-dir <path>       Where Basin keeps its data (default $BASIN_DATA_DIR or ~/.basin)
  --cpu-slots <n>         Runs trained at once on the CPU (default: one per core)
  --gpus <i,j,...>        GPUs to use, by nvidia-smi index (default: all)
  --slots-per-gpu <k>     Runs sharing one GPU (default 1)

${SLURM_USAGE}

Options for landscape: --points N (along the line, default 25; per side of a grid, default 11),
  --seed S (random directions), --no-recompute-bn (keep the interpolated batch-norm statistics),
  --json. A checkpoint is a run (its selected model) or run:ID:best|swa|snapshot-K.

ls, show, export and landscape take --data-dir too. A run is named by its id (12 or run:12), an
experiment by experiment:ID. Exit codes: 0 success, 1 runs failed, 2 bad input.`;

function wholeNumber(text: string, option: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new UsageError(`${option} must be a whole number ≥ ${min}, received "${text}".`);
  }
  return Number(text);
}

function optional<T>(text: string | undefined, read: (text: string) => T): T | null {
  return text === undefined ? null : read(text);
}

function gpuList(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    throw new UsageError(`--gpus must list GPU indices like 0,1, received "${text}".`);
  }
  return parts.map(Number);
}

function onePositional(positionals: string[], what: string): string {
  const [first, ...extra] = positionals;
  if (first === undefined) throw new UsageError(`Name the ${what}.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  return first;
}

/** `12` or `run:12` is a run, `experiment:3` an experiment. */
export function parseSource(text: string): Source {
  const match = /^(?:(run|experiment):)?(\d+)$/.exec(text);
  if (match === null || Number(match[2]) < 1) {
    throw new UsageError(
      `Name a run as 12 or run:12 and an experiment as experiment:3, received "${text}".`,
    );
  }
  return { kind: match[1] === 'experiment' ? 'experiment' : 'run', id: Number(match[2]) };
}

/** `12` or `run:12` is a run's selected model; `run:12:best`, `run:12:swa`, `run:12:snapshot-3`. */
export function parseCheckpointRef(text: string): CheckpointRef {
  const match = /^(?:run:)?(\d+)(?::(best|swa|snapshot-(\d+)))?$/.exec(text);
  const runId = Number(match?.[1]);
  if (match === null || runId < 1 || match[3] === '0') {
    throw new UsageError(
      `Name a checkpoint as a run (12 or run:12, its selected model) or run:12:best, run:12:swa, run:12:snapshot-K (K from 1), received "${text}".`,
    );
  }
  if (match[3] !== undefined) return { runId, kind: 'snapshot', snapshot: Number(match[3]) };
  return { runId, kind: match[2] === 'best' || match[2] === 'swa' ? match[2] : 'selected' };
}

const dataDirOption = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Parsed = LabCommand | { kind: 'help' };

function parseRun(args: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      ...dataDirOption,
      'cpu-slots': { type: 'string' },
      gpus: { type: 'string' },
      'slots-per-gpu': { type: 'string' },
      ...SLURM_RUN_OPTIONS,
    },
  });
  if (values.help) return { kind: 'help' };
  return {
    kind: 'run',
    specFile: onePositional(positionals, 'experiment file to run'),
    dataDir: values['data-dir'] || null,
    cpuSlots: optional(values['cpu-slots'], (t) => wholeNumber(t, '--cpu-slots', 0)),
    gpus: optional(values.gpus, gpuList),
    slotsPerGpu: optional(values['slots-per-gpu'], (t) => wholeNumber(t, '--slots-per-gpu', 1)),
    slurm: slurmOverrides(values),
  };
}

function parseLs(args: string[]): Parsed {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { ...dataDirOption, experiment: { type: 'string' } },
  });
  if (values.help) return { kind: 'help' };
  return {
    kind: 'ls',
    dataDir: values['data-dir'] || null,
    experimentId: optional(values.experiment, (t) => wholeNumber(t, '--experiment', 1)),
  };
}

function parseShow(args: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: dataDirOption,
  });
  if (values.help) return { kind: 'help' };
  const source = parseSource(onePositional(positionals, 'run to show'));
  if (source.kind !== 'run')
    throw new UsageError(
      "show takes a run; list an experiment's runs with `basin ls --experiment ID`.",
    );
  return { kind: 'show', dataDir: values['data-dir'] || null, runId: source.id };
}

function parseExport(args: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { ...dataDirOption, kind: { type: 'string' }, to: { type: 'string' } },
  });
  if (values.help) return { kind: 'help' };
  const source = parseSource(onePositional(positionals, 'run or experiment to export'));
  const exportKind = values.kind;
  if (exportKind !== 'best' && exportKind !== 'swa' && exportKind !== 'ensemble') {
    throw new UsageError(
      `--kind must be best, swa or ensemble, received ${exportKind === undefined ? 'nothing' : `"${exportKind}"`}.`,
    );
  }
  if (values.to === undefined || values.to === '')
    throw new UsageError('--to must name the folder to export into.');
  return { kind: 'export', dataDir: values['data-dir'] || null, source, exportKind, to: values.to };
}

function parseLandscape(args: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      ...dataDirOption,
      points: { type: 'string' },
      seed: { type: 'string' },
      'no-recompute-bn': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0 || positionals.length > 3) {
    throw new UsageError(
      `landscape takes one, two or three checkpoints, received ${positionals.length}.`,
    );
  }
  return {
    kind: 'landscape',
    dataDir: values['data-dir'] || null,
    checkpoints: positionals.map(parseCheckpointRef),
    points: optional(values.points, (t) => wholeNumber(t, '--points', 2)),
    seed: optional(values.seed, (t) => wholeNumber(t, '--seed', 0)),
    recomputeBatchNorm: values['no-recompute-bn'] !== true,
    json: values.json === true,
  };
}

export const labCommandParsers: Record<LabCommand['kind'], (args: string[]) => Parsed> = {
  run: parseRun,
  landscape: parseLandscape,
  ls: parseLs,
  show: parseShow,
  export: parseExport,
};
