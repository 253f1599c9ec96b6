import { describe, expect, it } from 'vitest';
import { defaultSlurmSettings } from '@shared/slurm/settings';
import { fromForm, toForm } from './slurm-settings-form';

describe('the Slurm settings form', () => {
  it('gives back the settings it was filled from, blanks as null, one sbatch arg a line', () => {
    const settings = {
      ...defaultSlurmSettings,
      drainTo: 'both' as const,
      partition: 'gpu',
      mem: '16G',
      sbatchArgs: ['--qos=short', '--constraint=a100'],
      sharedDir: '/shared/basin',
    };
    expect(fromForm(toForm(settings))).toEqual({ ok: true, settings });
    expect(
      fromForm({ ...toForm(settings), partition: '  ', sbatchArgs: '\n--qos=long\n\n' }),
    ).toEqual({
      ok: true,
      settings: { ...settings, partition: null, sbatchArgs: ['--qos=long'] },
    });
  });

  it('names every wrong field with what it received', () => {
    const result = fromForm({
      ...toForm(defaultSlurmSettings),
      time: 'two hours',
      cpusPerRun: '0',
      mem: '16 GB',
      sharedDir: 'shared',
    });
    expect(result).toEqual({
      ok: false,
      problems: {
        time: 'a Slurm time such as 2:00:00, received "two hours"',
        cpusPerRun: 'a whole number ≥ 1, received "0"',
        mem: 'a Slurm memory size such as 16G, received "16 GB"',
        sharedDir: 'an absolute path every node sees, received "shared"',
      },
    });
  });
});
