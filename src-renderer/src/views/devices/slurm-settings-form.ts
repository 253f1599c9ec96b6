import { slurmSettingsSchema, type QueueDrain, type SlurmSettings } from '@shared/slurm/settings';

/** The Slurm settings as the Devices view's fields hold them: text, one extra sbatch arg a line. */
export interface SlurmSettingsForm {
  drainTo: QueueDrain;
  partition: string;
  account: string;
  time: string;
  gpusPerRun: string;
  cpusPerRun: string;
  mem: string;
  maxJobs: string;
  maxResumes: string;
  sbatchArgs: string;
  sharedDir: string;
}

export type SlurmField = keyof SlurmSettingsForm;

export function toForm(settings: SlurmSettings): SlurmSettingsForm {
  return {
    drainTo: settings.drainTo,
    partition: settings.partition ?? '',
    account: settings.account ?? '',
    time: settings.time,
    gpusPerRun: String(settings.gpusPerRun),
    cpusPerRun: String(settings.cpusPerRun),
    mem: settings.mem ?? '',
    maxJobs: String(settings.maxJobs),
    maxResumes: String(settings.maxResumes),
    sbatchArgs: settings.sbatchArgs.join('\n'),
    sharedDir: settings.sharedDir ?? '',
  };
}

const blankToNull = (text: string) => (text.trim() === '' ? null : text.trim());

const WHOLE_NUMBERS: Record<'gpusPerRun' | 'cpusPerRun' | 'maxJobs' | 'maxResumes', number> = {
  gpusPerRun: 0,
  cpusPerRun: 1,
  maxJobs: 1,
  maxResumes: 0,
};

/**
 * The settings the fields say, or a message per field that is wrong. The lab checks them again
 * with the same schema; this only spares a round trip and says it next to the field.
 */
export function fromForm(
  form: SlurmSettingsForm,
):
  | { ok: true; settings: SlurmSettings }
  | { ok: false; problems: Partial<Record<SlurmField, string>> } {
  const problems: Partial<Record<SlurmField, string>> = {};
  const numbers: Partial<Record<SlurmField, number>> = {};
  for (const [field, min] of Object.entries(WHOLE_NUMBERS) as [
    keyof typeof WHOLE_NUMBERS,
    number,
  ][]) {
    const text = form[field].trim();
    if (!/^\d+$/.test(text) || Number(text) < min) {
      problems[field] = `a whole number ≥ ${min}, received "${form[field]}"`;
    } else numbers[field] = Number(text);
  }
  const candidate = {
    drainTo: form.drainTo,
    partition: blankToNull(form.partition),
    account: blankToNull(form.account),
    time: form.time.trim(),
    gpusPerRun: numbers.gpusPerRun ?? 0,
    cpusPerRun: numbers.cpusPerRun ?? 1,
    mem: blankToNull(form.mem),
    maxJobs: numbers.maxJobs ?? 1,
    maxResumes: numbers.maxResumes ?? 0,
    sbatchArgs: form.sbatchArgs
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    sharedDir: blankToNull(form.sharedDir),
  };
  const parsed = slurmSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SlurmField;
      problems[field] ??= `${issue.message}, received "${String(form[field])}"`;
    }
  }
  if (candidate.sharedDir !== null && !candidate.sharedDir.startsWith('/')) {
    problems.sharedDir ??= `an absolute path every node sees, received "${form.sharedDir}"`;
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, settings: parsed.data };
}
