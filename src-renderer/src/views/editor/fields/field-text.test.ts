import { describe, expect, it } from 'vitest';
import {
  epochIndexFromText,
  epochText,
  numberFromText,
  numberListFromText,
  numberOrListFromText,
  textOf,
  valueListFromText,
  wordListFromText,
} from './field-text';

describe('numberFromText', () => {
  it('reads numbers the way people type them', () => {
    expect(numberFromText('0.001')).toBe(0.001);
    expect(numberFromText(' 1e-4 ')).toBe(1e-4);
    expect(numberFromText('-1')).toBe(-1);
    expect(numberFromText('−1')).toBe(-1);
    expect(numberFromText('.5')).toBe(0.5);
  });

  it('leaves an empty field to its default and keeps other text for the validator', () => {
    expect(numberFromText('  ')).toBeUndefined();
    expect(numberFromText('12abc')).toBe('12abc');
    expect(numberFromText('Infinity')).toBe('Infinity');
  });
});

describe('lists', () => {
  it('splits on commas and spaces', () => {
    expect(numberListFromText('1, 2 3')).toEqual([1, 2, 3]);
    expect(numberListFromText('')).toEqual([]);
    expect(numberListFromText('1, x')).toEqual([1, 'x']);
  });

  it('reads one number as a number and several as a pair', () => {
    expect(numberOrListFromText('3')).toBe(3);
    expect(numberOrListFromText('3, 5')).toEqual([3, 5]);
    expect(numberOrListFromText('')).toBeUndefined();
  });

  it('reads words between commas, dropping empty ones', () => {
    expect(wordListFromText(' tabular, baseline ,, ')).toEqual(['tabular', 'baseline']);
  });

  it('reads choice values as JSON where they parse', () => {
    expect(valueListFromText('0.1, true, "relu", relu')).toEqual([0.1, true, 'relu', 'relu']);
  });
});

describe('textOf', () => {
  it('shows lists with commas and leaves absent values empty', () => {
    expect(textOf([28, 28, 1])).toBe('28, 28, 1');
    expect(textOf(undefined)).toBe('');
    expect(textOf(null)).toBe('');
    expect(textOf(0.5)).toBe('0.5');
  });
});

describe('epoch fields', () => {
  it('show the 0-based index a spec stores as the 1-based epoch people count', () => {
    expect(epochText(0)).toBe('1');
    expect(epochText(14)).toBe('15');
    expect(epochText(undefined)).toBe('');
    expect(epochIndexFromText('1')).toBe(0);
    expect(epochIndexFromText(' 15 ')).toBe(14);
    expect(epochIndexFromText('')).toBeUndefined();
    expect(epochIndexFromText('soon')).toBe('soon');
  });
});
