import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlurmSettings } from '@shared/slurm/settings';
import { SLURM_SETTINGS_FILE } from '../../slurm/settings-file';
import { requireBuiltApp } from '../../testing/built-app';
import { call, openTestLab, reply, tempDataDir } from '../testing/lab-fixture';

let dataDir: string;
let cleanUp: () => void;
beforeAll(() => {
  requireBuiltApp();
  ({ dataDir, cleanUp } = tempDataDir());
});
afterAll(() => cleanUp());

describe('slurm.settings and slurm.updateSettings', () => {
  it('refuses bad settings naming the field, saves good ones, and the next lab drains by them', async () => {
    const lab = await openTestLab(dataDir);
    try {
      expect(await call(lab, 'slurm.settings', {})).toEqual({
        saved: defaultSlurmSettings,
        inEffect: null,
        restartNeeded: false,
      });
      for (const [params, named] of [
        [{ time: 'two hours' }, /time: a Slurm time such as 2:00:00, received "two hours"/],
        [{ maxJobs: 0 }, /maxJobs: .*received 0/],
        [{ drainTo: 'cloud' }, /drainTo: .*received "cloud"/],
        [{ partitoin: 'gpu' }, /partitoin: is not a known field/],
        [{ sharedDir: 'shared' }, /sharedDir must be an absolute path .*received "shared"/],
      ] as const) {
        const answer = await reply(lab, 'slurm.updateSettings', params);
        expect(answer.ok).toBe(false);
        if (!answer.ok) {
          expect(answer.error.code).toBe('invalid_argument');
          expect(answer.error.message).toMatch(named);
        }
      }
      const changed = await call(lab, 'slurm.updateSettings', {
        drainTo: 'both',
        partition: 'gpu',
        sbatchArgs: ['--qos=short'],
      });
      const expected = {
        ...defaultSlurmSettings,
        drainTo: 'both',
        partition: 'gpu',
        sbatchArgs: ['--qos=short'],
      };
      expect(changed).toEqual({ saved: expected, inEffect: null, restartNeeded: true });
      expect(JSON.parse(readFileSync(join(dataDir, SLURM_SETTINGS_FILE), 'utf8'))).toEqual(
        expected,
      );
    } finally {
      await lab.close();
    }
    // The lab that opens the data folder next (as `basin serve` and the desktop app do) has a
    // Slurm pool beside its local slots, with the saved settings.
    const next = await openTestLab(dataDir);
    try {
      expect(await call(next, 'slurm.settings', {})).toMatchObject({
        inEffect: { drainTo: 'both', partition: 'gpu' },
        restartNeeded: false,
      });
    } finally {
      await next.close();
    }
  });
});
