import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeLauncher } from '../child/node-launcher';
import { requireBuiltApp } from '../testing/built-app';
import { LOCK_FILE } from './data-dir-lock';
import { call, openTestLab, spirals, tempDataDir } from './testing/lab-fixture';

const cleanUps: (() => void)[] = [];
afterEach(() => cleanUps.splice(0).forEach((cleanUp) => cleanUp()));

function temp() {
  const made = tempDataDir();
  cleanUps.push(made.cleanUp);
  return made;
}

interface LockFile {
  pid: number;
  children?: Record<string, string>;
}

describe('evaluator children in the lock file', () => {
  it('lists the ensemble evaluator while it runs and drops it when it ends', async () => {
    const { dataDir } = temp();
    const { evaluatorScript } = requireBuiltApp();
    const seen: { pid: number; lock: LockFile }[] = [];
    const lab = await openTestLab(dataDir, {
      launcher: {
        launch(options) {
          const child = nodeLauncher.launch(options);
          if (options.script === evaluatorScript && child.pid !== undefined) {
            const pid = child.pid;
            // Read once the lab has registered the child it just launched.
            setImmediate(() =>
              seen.push({ pid, lock: JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) }),
            );
          }
          return child;
        },
      },
    });
    const { id } = await call(lab, 'experiments.create', { spec: spirals('evaluated', 200, 1, 2) });
    await call(lab, 'experiments.launch', { id });
    await lab.scheduler.idle();
    await lab.experimentSettled(id);
    expect(seen.length).toBeGreaterThan(0);
    for (const { pid, lock } of seen) expect(lock.children?.[String(pid)]).toBe(evaluatorScript);
    const after = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockFile;
    expect(after.children).toEqual({});
    await lab.close();
  }, 60_000);

  it('ends an evaluator a crashed lab left behind', async () => {
    const { dataDir } = temp();
    const { evaluatorScript } = requireBuiltApp();
    // A process whose command line names the evaluator script, as a real evaluator's does.
    const orphan = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', evaluatorScript], {
      stdio: 'ignore',
    });
    const exited = new Promise<string | null>((resolve) =>
      orphan.once('exit', (_c, s) => resolve(s)),
    );
    const deadLab = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: deadLab, trainers: {}, children: { [orphan.pid!]: evaluatorScript } }),
    );
    const lab = await openTestLab(dataDir);
    expect(await exited).toBe('SIGKILL');
    await lab.close();
  }, 30_000);
});
