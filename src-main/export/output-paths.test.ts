import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCore } from '../lab/lab-core';
import { call, openTestLab, reply, spirals, tempDataDir } from '../lab/testing/lab-fixture';
import { DATABASE_FILE } from '../store/open-store';

let lab: LabCore;
let root: string;
let dataDir: string;
let cleanUp: () => void;
let experimentId: number;

beforeAll(async () => {
  ({ root, dataDir, cleanUp } = tempDataDir());
  lab = await openTestLab(dataDir);
  experimentId = (await call(lab, 'experiments.create', { spec: spirals('paths', 200, 1) })).id;
  await call(lab, 'experiments.launch', { id: experimentId });
  await lab.scheduler.idle();
}, 60_000);
afterAll(async () => {
  await lab?.close();
  cleanUp();
});

const source = () => ({ kind: 'experiment' as const, id: experimentId });

describe('paths the API writes', () => {
  it('refuses to overwrite an existing file unless asked, and then replaces it whole', async () => {
    const bashrc = join(root, '.bashrc');
    writeFileSync(bashrc, 'export PATH=keep\n');
    const refused = await reply(lab, 'export.metricsCsv', { source: source(), path: bashrc });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `${bashrc} already exists; choose another name, or confirm replacing it (overwrite: true).`,
      },
    });
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=keep\n');
    const replaced = await call(lab, 'export.metricsCsv', {
      source: source(),
      path: bashrc,
      overwrite: true,
    });
    expect(replaced.rows).toBeGreaterThan(0);
    expect(readFileSync(bashrc, 'utf8')).toMatch(/^run_id,restart/);
  });

  it('never writes inside the data folder, even asked to overwrite, even through a symlink', async () => {
    const database = join(dataDir, DATABASE_FILE);
    const before = readFileSync(database);
    const link = join(root, 'innocent');
    symlinkSync(dataDir, link);
    for (const path of [database, join(dataDir, 'new.csv'), join(link, DATABASE_FILE)]) {
      const answer = await reply(lab, 'export.metricsCsv', {
        source: source(),
        path,
        overwrite: true,
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
      expect(answer.ok || answer.error.message).toContain("is inside Basin's data folder");
    }
    const model = await reply(lab, 'export.model', {
      source: source(),
      kind: 'best',
      dir: join(dataDir, 'runs', 'exported'),
    });
    expect(model.ok || model.error.message).toContain("is inside Basin's data folder");
    expect(readFileSync(database).subarray(0, 100)).toEqual(before.subarray(0, 100));
    expect(existsSync(join(dataDir, 'new.csv'))).toBe(false);
    expect((await call(lab, 'experiments.list', {})).experiments).toHaveLength(1);
  });

  it('says in a sentence why a path cannot be written, naming no temporary file', async () => {
    const cases: [string, RegExp][] = [
      [join(root, 'missing', 'm.csv'), /^The folder .*missing does not exist\.$/],
      [root, /is a folder; name a file to write\.$/],
      ['/proc/basin.csv', /^Cannot write \/proc\/basin\.csv: /],
    ];
    for (const [path, message] of cases) {
      const answer = await reply(lab, 'export.metricsCsv', { source: source(), path });
      expect(answer.ok).toBe(false);
      if (!answer.ok) {
        expect(answer.error.message).toMatch(message);
        expect(answer.error.message).not.toMatch(/\.tmp|writing-/);
      }
    }
    const model = await reply(lab, 'export.model', {
      source: source(),
      kind: 'best',
      dir: '/proc/basin-x',
    });
    expect(model.ok || model.error.message).toMatch(/^Cannot write \/proc\/basin-x: /);
    expect(readdirSync(root).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('names a missing experiment as missing, not as one without runs', async () => {
    const answer = await reply(lab, 'export.model', {
      source: { kind: 'experiment', id: 99 },
      kind: 'best',
      dir: join(root, 'x'),
    });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'There is no experiment 99.' },
    });
  });
});
