import { describe, expect, it } from 'vitest';
import { batchScript, defaultSlurmSettings, sbatchOptions, slurmSettingsSchema } from './settings';

describe('Slurm settings', () => {
  it('turns settings into sbatch options, extra arguments last', () => {
    expect(
      sbatchOptions({
        ...defaultSlurmSettings,
        partition: 'gpu',
        account: 'lab',
        gpusPerRun: 1,
        cpusPerRun: 4,
        mem: '16G',
        sbatchArgs: ['--qos=short'],
      }),
    ).toEqual([
      '--partition=gpu',
      '--account=lab',
      '--time=2:00:00',
      '--cpus-per-task=4',
      '--mem=16G',
      '--gres=gpu:1',
      '--qos=short',
    ]);
  });

  it('names the field a bad value is in', () => {
    const parsed = slurmSettingsSchema.safeParse({ ...defaultSlurmSettings, mem: '16 GB' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['mem']);
  });

  it('quotes every path and token it puts in the job script', () => {
    const script = batchScript({
      tokens: ['a'.repeat(16), "it's"],
      labAddress: 'lab:4000',
      node: '/opt/node 22/bin/node',
      trainerScript: '/srv/basin/out/main/trainer.js',
      maxTrainerStarts: 3,
    });
    expect(script).toContain(`tokens=('aaaaaaaaaaaaaaaa' 'it'\\''s')`);
    expect(script).toContain(`'/opt/node 22/bin/node' '/srv/basin/out/main/trainer.js'`);
    expect(script).toContain('[ "$start" -ge 3 ]');
  });
});
