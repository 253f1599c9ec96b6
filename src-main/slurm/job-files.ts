import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { readSlurmSettings } from './settings-file';

const TAIL_BYTES = 4096;

/** The folder of job scripts and job output (`<job>.out`, `<job>.err`) of a data folder's lab. */
export function jobsFolder(dataDir: string, sharedDir: string | null): string {
  return join(sharedDir ?? join(dataDir, 'slurm'), 'jobs');
}

/** The last few kilobytes of a file, or an empty string where there is none (yet). */
export async function readTail(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

/** The tail of a job's stdout and stderr, as Slurm wrote them on the shared folder. */
export async function jobOutputTails(
  dataDir: string,
  jobId: string,
): Promise<{ stdoutTail: string; stderrTail: string }> {
  const folder = jobsFolder(dataDir, readSlurmSettings(dataDir).sharedDir);
  return {
    stdoutTail: await readTail(join(folder, `${jobId}.out`)),
    stderrTail: await readTail(join(folder, `${jobId}.err`)),
  };
}
