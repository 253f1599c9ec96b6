import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFolderAtomically } from './atomic-folder';

describe('writeFolderAtomically', () => {
  it('writes nested files, replaces an existing folder whole and leaves nothing behind', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'basin-atomic-'));
    const folder = join(parent, 'best');
    await writeFolderAtomically(folder, {
      'model.json': '{"v":1}',
      'old.bin': Uint8Array.of(1, 2),
    });
    await writeFolderAtomically(folder, {
      'model.json': '{"v":2}',
      'member-01/weights.bin': Uint8Array.of(7),
    });
    expect(readdirSync(parent)).toEqual(['best']);
    expect(readdirSync(folder).sort()).toEqual(['member-01', 'model.json']);
    expect(readFileSync(join(folder, 'model.json'), 'utf8')).toBe('{"v":2}');
    expect([...readFileSync(join(folder, 'member-01', 'weights.bin'))]).toEqual([7]);
  });
});
