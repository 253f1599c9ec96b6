import { describe, expect, it } from 'vitest';
import { displayWidth, ellipsize, padToWidth } from './display-width';

describe('displayWidth', () => {
  it('counts wide, emoji and combining characters as a terminal draws them', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('実験')).toBe(4);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('🧪')).toBe(2);
    expect(displayWidth('👩‍🔬')).toBe(2);
    expect(displayWidth('🇯🇵')).toBe(2);
    expect(displayWidth('é')).toBe(1);
    expect(displayWidth('ｆｕｌｌ')).toBe(8);
  });

  it('pads and ellipsizes by columns, never splitting a grapheme', () => {
    expect(padToWidth('実験', 6)).toBe('実験  ');
    expect(ellipsize('abcdef', 4)).toBe('abc…');
    expect(ellipsize('実験実験', 6)).toBe('実験…');
    expect(displayWidth(ellipsize('👩‍🔬👩‍🔬👩‍🔬', 5))).toBeLessThanOrEqual(5);
    expect(ellipsize('short', 10)).toBe('short');
  });
});
