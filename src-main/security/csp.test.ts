import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../testing/built-app';
import { CSP_HEADER, CSP_META } from './csp';

describe('Content-Security-Policy', () => {
  it('is the same in index.html as in the headers Basin sends', () => {
    const html = readFileSync(join(repoRoot, 'src-renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP_META);
    expect(CSP_HEADER).toBe(`${CSP_META}; frame-ancestors 'none'`);
  });

  it('allows no inline or evaluated script and no foreign origin', () => {
    expect(CSP_HEADER).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(CSP_HEADER).toContain("default-src 'none'");
  });
});
