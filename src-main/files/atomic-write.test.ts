import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  moveIntoPlaceSync,
  writeFileAtomically,
  writeFileAtomicallySync,
  writeFolderAtomically,
} from './atomic-write';

let parent = '';
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'basin-atomic-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('writeFolderAtomically', () => {
  it('writes nested files, replaces an existing folder whole and leaves nothing behind', async () => {
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

describe('writeFileAtomically', () => {
  it('replaces a file from text, bytes or chunks and leaves no temporary file', async () => {
    const file = join(parent, 'out.csv');
    await writeFileAtomically(file, 'old');
    async function* chunks() {
      yield 'a,b\n';
      yield Uint8Array.of(0x31, 0x2c, 0x32, 0x0a);
    }
    await writeFileAtomically(file, chunks());
    expect(readFileSync(file, 'utf8')).toBe('a,b\n1,2\n');
    writeFileAtomicallySync(file, '{"pid":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"pid":1}');
    expect(readdirSync(parent)).toEqual(['out.csv']);
  });

  it('keeps the old file and removes the temporary one when writing fails', async () => {
    const file = join(parent, 'out.csv');
    await writeFileAtomically(file, 'kept');
    async function* failing() {
      yield 'partial';
      throw new Error('disk gone');
    }
    await expect(writeFileAtomically(file, failing())).rejects.toThrow('disk gone');
    expect(readFileSync(file, 'utf8')).toBe('kept');
    expect(readdirSync(parent)).toEqual(['out.csv']);
  });
});

describe('moveIntoPlaceSync', () => {
  it('replaces the target with a file written elsewhere, leaving only the target', () => {
    const target = join(parent, 'basin.sqlite');
    writeFileAtomicallySync(target, 'old');
    const partial = `${target}.partial`;
    writeFileSync(partial, 'new');
    moveIntoPlaceSync(partial, target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['basin.sqlite']);
  });
});
