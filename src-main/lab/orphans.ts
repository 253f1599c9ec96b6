import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

/**
 * Ends trainers a crashed lab left running, before their runs are resumed into the same folders.
 * A pid counts as an orphan trainer only while its command line still names the trainer script,
 * so a recycled pid is never killed (where /proc is missing, nothing is).
 */
export async function endOrphanTrainers(
  pids: Iterable<number>,
  trainerScript: string,
  timeoutMs = 5_000,
): Promise<number[]> {
  // A zombie has an empty command line, so an ended trainer no longer matches either.
  const isTrainer = (pid: number) => commandLine(pid)?.includes(trainerScript) ?? false;
  const ended: number[] = [];
  for (const pid of pids) {
    if (!isTrainer(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      ended.push(pid);
    } catch {
      // Gone in the meantime.
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (ended.some(isTrainer) && Date.now() < deadline) await sleep(20);
  return ended;
}
