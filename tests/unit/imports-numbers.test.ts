import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../db/imports/numbers.ts';

describe('parseNumber', () => {
  it('reads plain, thousands-separated and scientific numbers', () => {
    expect(parseNumber('1234.5', false)).toBe(1234.5);
    expect(parseNumber('1,234,567.25', false)).toBe(1234567.25);
    expect(parseNumber('1 234 567', false)).toBe(1234567);
    expect(parseNumber('1.2E+07', false)).toBe(12_000_000);
    expect(parseNumber(' 42 ', false)).toBe(42);
    expect(parseNumber('-3', false)).toBe(-3);
  });

  it('reads decimal commas in ; files', () => {
    expect(parseNumber('1.234.567,89', true)).toBeCloseTo(1234567.89);
    expect(parseNumber('1234,5', true)).toBe(1234.5);
    expect(parseNumber('1 234,5', true)).toBe(1234.5);
    expect(parseNumber('12.5', true)).toBe(12.5); // not a thousands group: a decimal point
    expect(parseNumber('1.234', true)).toBe(1234); // a thousands group in a decimal-comma file
  });

  it('returns null for empty cells and NaN for text', () => {
    expect(parseNumber('', false)).toBeNull();
    expect(parseNumber('  ', true)).toBeNull();
    expect(parseNumber('n/a', false)).toBeNaN();
    expect(parseNumber('1,23', false)).toBeNaN();
    expect(parseNumber('12a', true)).toBeNaN();
  });
});
