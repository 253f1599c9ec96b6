import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '@shared/text/display-width';
import { call, openTestLab, spirals, tempDataDir } from '../lab/testing/lab-fixture';
import { startServeProcess } from '../server/testing/serve-process';
import { openDatabase } from '../store/database';
import { migrate } from '../store/migrate';
import { migrations } from '../store/migrations';
import { DATABASE_FILE } from '../store/open-store';
import { requireBuiltApp } from '../testing/built-app';
import { basin } from './testing/basin-cli';

const cleanUps: (() => void)[] = [];
afterEach(() => cleanUps.splice(0).forEach((cleanUp) => cleanUp()));
beforeAll(() => requireBuiltApp());

function temp() {
  const made = tempDataDir();
  cleanUps.push(made.cleanUp);
  return made;
}

/** The database's bytes with its write-ahead log folded in, as any reader would see them. */
function settledBytes(dataDir: string): Buffer {
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return readFileSync(join(dataDir, DATABASE_FILE));
}

describe('ls, show and export only read', () => {
  it('says "No experiments yet" on a new folder and exits 0', async () => {
    const { dataDir } = temp();
    const result = await basin(['ls', '--data-dir', dataDir]);
    expect(result).toMatchObject({ code: 0, stdout: 'No experiments yet.\n' });
  });

  it('leaves an older schema as it is and says how to upgrade it', async () => {
    const { dataDir } = temp();
    mkdirSync(dataDir, { recursive: true });
    const older = openDatabase(join(dataDir, DATABASE_FILE));
    migrate(older, { to: migrations.length - 1 });
    older.close();
    const before = settledBytes(dataDir);
    const result = await basin(['ls', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `is at schema version ${migrations.length - 1}; this Basin reads version ${migrations.length}. Start the lab once`,
    );
    expect(settledBytes(dataDir)).toEqual(before);
  });

  it('refuses a schema from a newer Basin with a sentence', async () => {
    const { dataDir } = temp();
    const lab = await openTestLab(dataDir);
    await lab.close();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    for (const args of [['ls'], ['show', '1']]) {
      const result = await basin([...args, '--data-dir', dataDir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `was written by a newer Basin (schema version ${migrations.length + 5}; this one reads ${migrations.length}); use a newer Basin to read it.`,
      );
    }
  });

  it('changes no byte of the database, and shows the runs of a killed lab as interrupted', async () => {
    const { dataDir } = temp();
    const lab = await startServeProcess(dataDir);
    const socket = await lab.connect();
    const rpc = (id: number, method: string, params: unknown) =>
      new Promise<unknown>((resolve) => {
        const onMessage = (data: Buffer) => {
          const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
          if (message.id !== id) return;
          socket.off('message', onMessage);
          resolve(message.result);
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      });
    const experiment = (await rpc(1, 'experiments.create', {
      spec: spirals('実験 🧪 long', 20_000, 200),
    })) as { id: number };
    await rpc(2, 'experiments.launch', { id: experiment.id });
    await expect
      .poll(async () => (await basin(['ls', '--experiment', '1', '--data-dir', dataDir])).stdout, {
        timeout: 30_000,
      })
      .toMatch(/running/);
    lab.child.kill('SIGKILL');
    await lab.stop();
    const before = settledBytes(dataDir);
    const ls = await basin(['ls', '--experiment', '1', '--data-dir', dataDir]);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toContain('interrupted (no lab running)');
    const show = await basin(['show', '1', '--data-dir', dataDir]);
    expect(show.stdout).toMatch(/status +interrupted \(no lab running\)/);
    expect(settledBytes(dataDir)).toEqual(before);
  }, 90_000);

  it('aligns CJK and emoji names by display width and cuts long names', async () => {
    const { dataDir } = temp();
    const lab = await openTestLab(dataDir);
    for (const name of ['ascii', '実験の名前', '🧪🧪 emoji', 'x'.repeat(200)])
      await call(lab, 'experiments.create', { spec: spirals(name, 100, 1) });
    await lab.close();
    const { stdout, code } = await basin(['ls', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const specColumn = lines.map((line) =>
      displayWidth(line.slice(0, line.search(/ (v\d|spec) /) + 1)),
    );
    expect(specColumn[0]).toBeGreaterThan(10);
    expect(new Set(specColumn).size).toBe(1);
    expect(Math.max(...lines.map(displayWidth))).toBeLessThan(120);
    expect(stdout).toContain('…');
  });
});

describe('export from the command line', () => {
  it('exits 2 with a plain sentence for a missing experiment, a path it will not write, and a folder it cannot', async () => {
    const { dataDir, root } = temp();
    const lab = await openTestLab(dataDir);
    const { id } = await call(lab, 'experiments.create', { spec: spirals('to export', 100, 1) });
    await call(lab, 'experiments.launch', { id });
    await lab.scheduler.idle();
    await lab.close();
    const cases: [string[], string][] = [
      [['experiment:99', '--to', join(root, 'x')], 'basin: There is no experiment 99.\n'],
      [
        [`experiment:${id}`, '--to', join(dataDir, 'runs', 'out')],
        `is inside Basin's data folder (${dataDir})`,
      ],
      [[`experiment:${id}`, '--to', '/proc/basin-export'], 'Cannot write /proc/basin-export: '],
    ];
    for (const [args, message] of cases) {
      const result = await basin(['export', ...args, '--kind', 'best', '--data-dir', dataDir]);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/writing-|\.tmp|errno|E[A-Z]{3,}:/);
      expect(result.code).toBe(2);
    }
  });
});
