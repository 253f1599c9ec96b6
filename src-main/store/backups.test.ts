import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basin } from '../cli/testing/basin-cli';
import { call, openTestLab, spirals, tempDataDir } from '../lab/testing/lab-fixture';
import { startServeProcess } from '../server/testing/serve-process';
import { requireBuiltApp } from '../testing/built-app';
import { listBackups } from './backups';
import { openDatabase } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { DATABASE_FILE } from './open-store';

const cleanUps: (() => void)[] = [];
afterEach(() => cleanUps.splice(0).forEach((cleanUp) => cleanUp()));
beforeAll(() => requireBuiltApp());

function temp() {
  const made = tempDataDir();
  cleanUps.push(made.cleanUp);
  return made;
}

function versionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

function experimentNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], string>('SELECT name FROM experiments ORDER BY id').pluck().all();
  } finally {
    db.close();
  }
}

describe('backups', () => {
  it('backs the database up before migrating it', async () => {
    const { dataDir } = temp();
    mkdirSync(dataDir, { recursive: true });
    const older = openDatabase(join(dataDir, DATABASE_FILE));
    migrate(older, { to: 1 });
    older.close();
    const lab = await openTestLab(dataDir);
    await lab.close();
    const [backup, ...others] = listBackups(dataDir);
    expect(others).toEqual([]);
    expect(basename(backup!)).toMatch(new RegExp(`-before-v${migrations.length}\\.sqlite$`));
    expect(versionOf(backup!)).toBe(1);
    expect(versionOf(join(dataDir, DATABASE_FILE))).toBe(migrations.length);
  });

  it('takes a backup on each interval while the lab runs', async () => {
    const { dataDir } = temp();
    const lab = await openTestLab(dataDir, { backupIntervalMs: 300 });
    await call(lab, 'experiments.create', { spec: spirals('kept daily', 100, 1) });
    await expect.poll(() => listBackups(dataDir).length, { timeout: 5_000 }).toBeGreaterThan(0);
    await lab.close();
    expect(experimentNames(listBackups(dataDir).at(-1)!)).toEqual(['kept daily']);
  });

  it('basin backup works beside a running lab, keeps the newest N, and basin restore brings one back', async () => {
    const { dataDir, root } = temp();
    const keep = { BASIN_KEEP_BACKUPS: '2' };
    const setup = await openTestLab(dataDir);
    await call(setup, 'experiments.create', { spec: spirals('first', 100, 1) });
    await setup.close();
    const lab = await startServeProcess(dataDir, [], keep);
    const first = await basin(['backup', '--data-dir', dataDir], { env: keep });
    expect(first.code).toBe(0);
    const firstFile = / to (\S+)\.$/.exec(first.stdout.trim())![1]!;
    expect(experimentNames(firstFile)).toEqual(['first']);
    for (let i = 0; i < 2; i += 1) await basin(['backup', '--data-dir', dataDir], { env: keep });
    expect(listBackups(dataDir)).toHaveLength(2);

    const refused = await basin(['restore', listBackups(dataDir)[0]!, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Another Basin lab \(process \d+\) is using/);
    await lab.stop();

    const later = await openTestLab(dataDir);
    await call(later, 'experiments.create', { spec: spirals('second', 100, 1) });
    await later.close();
    const restored = await basin(['restore', listBackups(dataDir)[0]!, '--data-dir', dataDir], {
      env: keep,
    });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      /^Restored .* The database it replaced is kept as .*before-restore/,
    );
    expect(experimentNames(join(dataDir, DATABASE_FILE))).toEqual(['first']);
    const kept = listBackups(dataDir).find((file) => file.includes('before-restore'))!;
    expect(experimentNames(kept)).toEqual(['first', 'second']);

    const garbage = join(root, 'not-a-backup.sqlite');
    writeFileSync(garbage, 'hello');
    const bad = await basin(['restore', garbage, '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${garbage} is not a Basin backup this version can restore`);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
  }, 60_000);
});
