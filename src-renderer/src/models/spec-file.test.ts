import { describe, expect, it } from 'vitest';
import { parseSpecFile, specFileName } from './spec-file';

describe('parseSpecFile', () => {
  it('names the file when the text is not JSON', () => {
    const read = parseSpecFile('iris.json', '{ "name": ');
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(/^iris\.json is not valid JSON \(.+\)\.$/);
  });

  it('refuses JSON that is not an object', () => {
    const read = parseSpecFile('list.json', '[1, 2]');
    expect(read).toEqual({
      ok: false,
      message: 'list.json holds JSON, but not an experiment spec: expected an object ({ ... }).',
    });
  });

  it('returns the parsed object', () => {
    expect(parseSpecFile('a.json', '{"name":"A"}')).toEqual({ ok: true, spec: { name: 'A' } });
  });
});

describe('specFileName', () => {
  it('keeps letters and digits, dashes for the rest', () => {
    expect(specFileName('  Breast Cancer: 3 restarts + SWA ')).toBe(
      'breast-cancer-3-restarts-swa.json',
    );
    expect(specFileName('???')).toBe('experiment.json');
  });
});
