import { mkdirSync, readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basin } from '../cli/testing/basin-cli';
import { call, openTestLab, spirals, tempDataDir } from '../lab/testing/lab-fixture';
import { requireBuiltApp } from '../testing/built-app';
import { startServeProcess } from '../server/testing/serve-process';
import { DATABASE_FILE } from './open-store';

const cleanUps: (() => void)[] = [];
afterEach(() => cleanUps.splice(0).forEach((cleanUp) => cleanUp()));
beforeAll(() => requireBuiltApp());

/** A data folder whose lab trained one run (so runs/1 holds checkpoints), then closed. */
async function folderWithOneRun() {
  const temp = tempDataDir();
  cleanUps.push(temp.cleanUp);
  const lab = await openTestLab(temp.dataDir);
  const { id } = await call(lab, 'experiments.create', { spec: spirals('kept', 100, 1) });
  await call(lab, 'experiments.launch', { id });
  await lab.scheduler.idle();
  await lab.close();
  const spec = join(temp.root, 'spec.json');
  writeFileSync(spec, JSON.stringify(spirals('again', 100, 1)));
  return { ...temp, database: join(temp.dataDir, DATABASE_FILE), spec };
}

function runFolderFiles(dataDir: string): string {
  return readFileSync(join(dataDir, 'runs', '1', 'best', 'checkpoint.json'), 'utf8');
}

describe('a database that cannot be trusted is refused at start', () => {
  it('refuses an emptied database beside run folders, naming the file and keeping the runs', async () => {
    const { dataDir, database, spec } = await folderWithOneRun();
    const before = runFolderFiles(dataDir);
    truncateSync(database, 0);
    const result = await basin(['run', spec, '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The database ${database} is empty, but 1 run folder remains`);
    expect(result.stderr).toContain('basin restore');
    expect(result.stderr).toContain('(1) are kept untouched');
    expect(statSync(database).size).toBe(0);
    expect(runFolderFiles(dataDir)).toBe(before);
  }, 60_000);

  it('refuses a half-truncated database and a garbage one; serve does not start', async () => {
    const { dataDir, database, spec } = await folderWithOneRun();
    truncateSync(database, Math.floor(statSync(database).size / 2));
    const half = await basin(['run', spec, '--data-dir', dataDir]);
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/is damaged \(SQLite says: .+\); Basin will not open it/);
    writeFileSync(database, Buffer.alloc(8192, 0x5a));
    await expect(startServeProcess(dataDir)).rejects.toThrow(/is damaged/);
    const ls = await basin(['ls', '--data-dir', dataDir]);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toContain('is damaged');
  }, 60_000);

  it('starts a new lab in a folder without runs', async () => {
    const temp = tempDataDir();
    cleanUps.push(temp.cleanUp);
    mkdirSync(temp.dataDir, { recursive: true });
    writeFileSync(join(temp.dataDir, DATABASE_FILE), '');
    const lab = await openTestLab(temp.dataDir);
    expect((await call(lab, 'experiments.list', {})).experiments).toEqual([]);
    await lab.close();
  });
});
