import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, countsWithMse, openTestLab, tempDataDir } from '../lab/testing/lab-fixture';
import { requireBuiltApp } from '../testing/built-app';
import { basin } from './testing/basin-cli';

const cleanUps: (() => void)[] = [];
afterEach(() => cleanUps.splice(0).forEach((cleanUp) => cleanUp()));
beforeAll(() => requireBuiltApp());

describe('basin show', () => {
  it("prints a run's attempts and why its undefined metrics are undefined", async () => {
    const { dataDir, cleanUp } = tempDataDir();
    cleanUps.push(cleanUp);
    const lab = await openTestLab(dataDir);
    const { id } = await call(lab, 'experiments.create', { spec: countsWithMse() });
    const { runIds } = await call(lab, 'experiments.launch', { id });
    await lab.scheduler.idle();
    const run = await call(lab, 'runs.get', { id: runIds[0] as number });
    await lab.close();

    const { code, stdout } = await basin(['show', String(run.id), '--data-dir', dataDir]);
    expect(code).toBe(0);
    const section = (title: string) => {
      const lines = stdout.split('\n');
      const start = lines.indexOf(title);
      expect(start, `${title} in:\n${stdout}`).toBeGreaterThan(0);
      const end = lines.indexOf('', start);
      return lines.slice(start + 1, end === -1 ? undefined : end);
    };
    const reasons = section('Undefined metrics (latest reason):');
    expect(reasons).toContainEqual(
      expect.stringMatching(
        /^ {2}val\.poissonDeviance +epoch 4 +Poisson deviance needs predicted rates > 0, but \d+ of \d+ predictions are ≤ 0/,
      ),
    );
    expect(reasons).toHaveLength(run.metricNotes.length);
    const [attempt] = run.attempts;
    expect(section('Attempts:')).toEqual([
      expect.stringMatching(/^ {2}# +started +ended +outcome +epoch +where$/),
      expect.stringMatching(
        new RegExp(
          `^ {2}1 +${attempt!.startedAt!.replace(/\./g, '\\.')} +${attempt!.endedAt!.replace(/\./g, '\\.')} +succeeded +4 +${attempt!.device} \\(wasm\\)$`,
        ),
      ),
    ]);
  }, 120_000);
});
