import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLab, tempDataDir } from '../lab/testing/lab-fixture';
import { DATABASE_FILE } from '../store/open-store';
import { startDesktop } from './desktop-start';

const cleanUps: (() => void)[] = [];
afterEach(() => cleanUps.splice(0).forEach((cleanUp) => cleanUp()));

describe('desktop startup', () => {
  it('shows a failed start in a dialog and exits, instead of running on without a window', async () => {
    const { dataDir, cleanUp } = tempDataDir();
    cleanUps.push(cleanUp);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, DATABASE_FILE), Buffer.alloc(4096, 0x5a));
    const shown: string[] = [];
    const exits: number[] = [];
    let wired = false;
    const core = await startDesktop(
      {
        openLab: (dir) => openTestLab(dir),
        wire: () => (wired = true),
        showError: (title, text) => shown.push(`${title}: ${text}`),
        exit: (code) => exits.push(code),
      },
      { BASIN_DATA_DIR: dataDir },
    );
    expect(core).toBeNull();
    expect(wired).toBe(false);
    expect(exits).toEqual([1]);
    expect(shown).toEqual([
      expect.stringMatching(/^Basin could not start: The database .* is damaged .*Data folder: /s),
    ]);
  });

  it('uses the data folder the CLI uses', async () => {
    const opened: string[] = [];
    const fail = { showError: () => undefined, exit: () => undefined, wire: () => undefined };
    const openLab = (dir: string) => {
      opened.push(dir);
      return Promise.reject(new Error('not opened in this test'));
    };
    await startDesktop({ ...fail, openLab }, { BASIN_DATA_DIR: '/srv/basin' });
    await startDesktop({ ...fail, openLab }, {});
    expect(opened).toEqual(['/srv/basin', join(homedir(), '.basin')]);
  });
});
