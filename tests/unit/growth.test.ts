/** The one rule for growth and shares (db/common/growth.ts): never across a gap or a partial year without saying so. */
import { describe, expect, it } from 'vitest';
import { change, compoundGrowth, growthRange, growthToYear, share, yearOnYear, type YearPoint } from '../../db/common/growth.ts';

const whole = (year: number, value: number | null): YearPoint => ({ year, value, partial: false });
const series: YearPoint[] = [
  whole(2018, 100),
  whole(2019, 110),
  whole(2020, null),
  whole(2021, 121),
  { year: 2022, value: 60, partial: true },
];

describe('year-on-year change', () => {
  it('compares two whole reported years', () => {
    expect(yearOnYear(series, 2019)).toEqual({ change: { absolute: 10, relative: 0.1 }, year: 2019, previousYear: 2018 });
  });
  it('says why when the year before is missing, the year itself is missing, or one of them is partial', () => {
    expect(yearOnYear(series, 2021)).toEqual({ change: null, reason: 'previous-not-reported' });
    expect(yearOnYear(series, 2020)).toEqual({ change: null, reason: 'not-reported' });
    expect(yearOnYear(series, 2022)).toEqual({ change: null, reason: 'partial-year' });
    expect(yearOnYear(series, 2018)).toEqual({ change: null, reason: 'previous-not-reported' });
  });
  it('gives no relative change on a zero base, and a negative base keeps the direction', () => {
    expect(change(5, 0)).toEqual({ absolute: 5, relative: null });
    expect(change(-50, -100)).toEqual({ absolute: 50, relative: 0.5 });
    expect(change(null, 3)).toBeNull();
  });
});

describe('compound annual growth', () => {
  it('is the geometric mean rate between the end years, naming the years missing in between', () => {
    const g = compoundGrowth(series, 2018, 2021);
    expect(g.rate).toBeCloseTo(Math.pow(1.21, 1 / 3) - 1, 12);
    expect(g).toMatchObject({ fromYear: 2018, toYear: 2021, years: 3, missingBetween: [2020] });
  });
  it('is refused with a reason at a partial, missing or non-positive end, or over one year', () => {
    expect(compoundGrowth(series, 2018, 2022)).toEqual({ rate: null, reason: 'partial-year' });
    expect(compoundGrowth(series, 2018, 2020)).toEqual({ rate: null, reason: 'not-reported' });
    expect(compoundGrowth([whole(2000, -1), whole(2001, 2)], 2000, 2001)).toEqual({ rate: null, reason: 'not-positive' });
    expect(compoundGrowth(series, 2019, 2019)).toEqual({ rate: null, reason: 'one-year' });
  });
  it('takes its range from the whole reported years within the chosen one', () => {
    expect(growthRange(series)).toEqual({ from: 2018, to: 2021 });
    expect(growthRange(series, 2019, 2022)).toEqual({ from: 2019, to: 2021 });
    expect(growthRange(series, 2021, 2022)).toBeNull();
  });
});

describe('growth rate up to the year a figure is shown for', () => {
  it('starts at the first whole reported year of the range and always ends at that year', () => {
    expect(growthToYear(series, 2015, 2021)).toMatchObject({ fromYear: 2018, toYear: 2021, years: 3, missingBetween: [2020] });
    expect(growthToYear(series, 2019, 2021).rate).toBeCloseTo(Math.pow(121 / 110, 1 / 2) - 1, 12);
  });
  it('gives the reason instead: the year itself not reported, partial, or alone in the range', () => {
    expect(growthToYear(series, 2018, 2020)).toEqual({ rate: null, reason: 'not-reported' });
    expect(growthToYear(series, 2018, 2022)).toEqual({ rate: null, reason: 'partial-year' });
    expect(growthToYear(series, 2021, 2021)).toEqual({ rate: null, reason: 'one-year' });
    expect(growthToYear(series, 2020, 2021)).toEqual({ rate: null, reason: 'one-year' });
    expect(growthToYear(series, 2022, 2022)).toEqual({ rate: null, reason: 'one-year' });
  });
});

describe('share', () => {
  it('is part over a positive whole, else not known', () => {
    expect(share(25, 200)).toBe(0.125);
    expect(share(25, 0)).toBeNull();
    expect(share(null, 200)).toBeNull();
  });
});

describe('money units', async () => {
  const { inUnit, isMoneyUnit, unitLabel } = await import('../../db/common/units.ts');
  it('scale a USD value for reading and name the unit', () => {
    expect(inUnit(1.5e9, 'bn')).toBe(1.5);
    expect(inUnit(1.5e9, 'mn')).toBe(1500);
    expect(inUnit(1.5e9, 'thousand')).toBe(1_500_000);
    expect(unitLabel('mn')).toBe('USD mn');
    expect(isMoneyUnit('mn')).toBe(true);
    expect(isMoneyUnit('trillion')).toBe(false);
  });
});
