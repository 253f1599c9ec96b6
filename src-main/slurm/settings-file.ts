import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import { describeZodIssues } from '@shared/contract/zod-issues';
import {
  defaultSlurmSettings,
  slurmSettingsSchema,
  type SlurmSettings,
} from '@shared/slurm/settings';

export const SLURM_SETTINGS_FILE = 'slurm.json';

/** The Slurm settings saved in a data folder, or the defaults when there are none. */
export function readSlurmSettings(dataDir: string): SlurmSettings {
  const file = join(dataDir, SLURM_SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return defaultSlurmSettings;
  }
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new LabError(
      'invalid_argument',
      `Slurm settings in ${file}: not JSON (${String(error)})`,
    );
  }
  return checked({ ...defaultSlurmSettings, ...(saved as object) }, file);
}

function checked(candidate: unknown, where: string): SlurmSettings {
  const parsed = slurmSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = describeZodIssues(parsed.error.issues, candidate).map((p) => p.text);
    throw new LabError('invalid_argument', `Slurm settings in ${where}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Applies changes to the saved settings, checks them, saves and returns them. */
export function updateSlurmSettings(
  dataDir: string,
  changes: Partial<SlurmSettings>,
  where = 'the command line',
): SlurmSettings {
  const merged = { ...readSlurmSettings(dataDir), ...changes };
  if (merged.sharedDir !== null) merged.sharedDir = resolve(merged.sharedDir);
  const settings = checked(merged, where);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, SLURM_SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
  return settings;
}
