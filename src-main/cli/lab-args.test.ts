import { describe, expect, it } from 'vitest';
import { parseCli } from './args';

describe('parseCli: lab commands', () => {
  it('reads run with its device options', () => {
    expect(
      parseCli([
        'run',
        'exp.json',
        '--data-dir',
        '/d',
        '--cpu-slots',
        '3',
        '--gpus',
        '0, 2',
        '--slots-per-gpu=2',
      ]),
    ).toEqual({
      kind: 'run',
      specFile: 'exp.json',
      dataDir: '/d',
      cpuSlots: 3,
      gpus: [0, 2],
      slotsPerGpu: 2,
      slurm: null,
    });
    expect(parseCli(['run', 'exp.json'])).toEqual({
      kind: 'run',
      specFile: 'exp.json',
      dataDir: null,
      cpuSlots: null,
      gpus: null,
      slotsPerGpu: null,
      slurm: null,
    });
  });

  it('says what is wrong with run arguments', () => {
    expect(parseCli(['run'])).toEqual({
      kind: 'usage-error',
      message: 'Name the experiment file to run.',
    });
    expect(parseCli(['run', 'a.json', 'b.json'])).toEqual({
      kind: 'usage-error',
      message: 'Unexpected argument "b.json".',
    });
    expect(parseCli(['run', 'a.json', '--cpu-slots', 'two'])).toEqual({
      kind: 'usage-error',
      message: '--cpu-slots must be a whole number ≥ 0, received "two".',
    });
    expect(parseCli(['run', 'a.json', '--slots-per-gpu', '0'])).toEqual({
      kind: 'usage-error',
      message: '--slots-per-gpu must be a whole number ≥ 1, received "0".',
    });
    expect(parseCli(['run', 'a.json', '--gpus', '0,x'])).toEqual({
      kind: 'usage-error',
      message: '--gpus must list GPU indices like 0,1, received "0,x".',
    });
  });

  it('reads ls, show and export', () => {
    expect(parseCli(['ls'])).toEqual({ kind: 'ls', dataDir: null, experimentId: null });
    expect(parseCli(['ls', '--experiment', '4'])).toEqual({
      kind: 'ls',
      dataDir: null,
      experimentId: 4,
    });
    expect(parseCli(['show', 'run:12'])).toEqual({ kind: 'show', dataDir: null, runId: 12 });
    expect(parseCli(['show', '12', '--data-dir', '/d'])).toEqual({
      kind: 'show',
      dataDir: '/d',
      runId: 12,
    });
    expect(parseCli(['export', 'experiment:3', '--kind', 'ensemble', '--to', 'out'])).toEqual({
      kind: 'export',
      dataDir: null,
      source: { kind: 'experiment', id: 3 },
      exportKind: 'ensemble',
      to: 'out',
    });
  });

  it('names bad show and export arguments', () => {
    expect(parseCli(['show', 'experiment:3'])).toMatchObject({
      kind: 'usage-error',
      message: expect.stringContaining('show takes a run'),
    });
    expect(parseCli(['show', 'twelve'])).toEqual({
      kind: 'usage-error',
      message: 'Name a run as 12 or run:12 and an experiment as experiment:3, received "twelve".',
    });
    expect(parseCli(['export', '7', '--kind', 'worst', '--to', 'x'])).toEqual({
      kind: 'usage-error',
      message: '--kind must be best, swa or ensemble, received "worst".',
    });
    expect(parseCli(['export', '7', '--kind', 'best'])).toEqual({
      kind: 'usage-error',
      message: '--to must name the folder to export into.',
    });
  });

  it('shows help for a lab command', () => {
    expect(parseCli(['run', '--help'])).toEqual({ kind: 'help' });
  });
});
