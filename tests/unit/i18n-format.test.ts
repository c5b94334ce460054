/**
 * Numbers, dates with their precision and economy names in English, Korean and Chinese (Intl, Node's full ICU, as
 * Chromium's); the language picked from the browser's list.
 */
import { describe, expect, it } from 'vitest';
import { usdNumber } from '../../db/common/core-writing.ts';
import { formatPreciseDate, formatPreciseDateIn, type PreciseDate } from '../../db/common/dates.ts';
import { LOCALE_TAGS, matchLanguage } from '../../db/common/languages.ts';
import { economyNameIn } from '../../renderer/src/i18n/economies.ts';
import { withKoreanParticles } from '../../db/common/korean-particles.ts';
import * as n from '../../renderer/src/i18n/numbers.ts';
import table from '../../renderer/src/i18n/iso3-to-iso2.json';
import former from '../../renderer/src/i18n/former-economies.json';
import worldPack from '../../db/packs/korea-world-trade.json';
import chinaPack from '../../db/packs/korea-china-trade.json';

const { en, ko, zh } = LOCALE_TAGS;

describe('numbers per language', () => {
  it('writes billions, percentages and integers with each language’s signs, never mixed', () => {
    expect([n.billions(150_524_000_000, en), n.billions(150_524_000_000, ko), n.billions(150_524_000_000, zh)]).toEqual([
      '150.5',
      '150.5',
      '150.5',
    ]);
    expect(n.billionsExact(1_234_567_000_000, ko)).toBe('1,234.567');
    expect(n.billions3(1_060_000_000, zh)).toBe('1.060');
    expect([n.percent(0.1234, en), n.percent(0.1234, ko), n.percent(0.1234, zh)]).toEqual(['12.3%', '12.3%', '12.3%']);
    expect(n.integer(1234567, ko)).toBe('1,234,567');
    expect(n.signedBn(-63e9, zh)).toBe('−63.0');
    // A language that writes 1.234,5 does so throughout, not beside 1,234.5 (German, as a check that the tag is used).
    expect(n.billionsExact(1_234_500_000_000, 'de')).toBe('1.234,5');
  });

  it('writes amounts in US dollars as each language does', () => {
    expect(n.usdBn(150.5e9, en)).toBe('USD 150.5 bn');
    expect(n.usdBn(150.5e9, ko)).toBe('US$1505억');
    expect(n.usdBn(150.5e9, zh)).toBe('US$1505亿');
    expect(n.usdBn(-63e9, ko)).toBe('-US$630억');
    expect(n.usd(1234567, en)).toBe('$1,234,567');
    expect(n.usd(1234567, ko)).toBe('US$1,234,567');
    expect(n.usd(1234567, zh)).toBe('US$1,234,567');
  });
});

describe('money in the unit chosen, per language', () => {
  const v = 150_524_300_000;

  it('scales every figure to the unit with its decimals, the grouping of the language', () => {
    expect([n.amount(v, 'bn', en), n.amount(v, 'mn', en), n.amount(v, 'thousand', en)]).toEqual(['150.5', '150,524.3', '150,524,300']);
    expect([n.amount(v, 'mn', ko), n.amount(v, 'mn', zh)]).toEqual(['150,524.3', '150,524.3']);
    expect(n.amount(v, 'mn', 'de')).toBe('150.524,3');
    // "Billions" are the bn case, unchanged.
    expect(n.billions(v, en)).toBe(n.amount(v, 'bn', en));
  });

  it('keeps the precision a figure has, up to two decimals more than the unit shows', () => {
    expect(n.amountExact(364_079_000_000, 'bn', en)).toBe('364.079');
    expect(n.amountExact(364_079_120_000, 'mn', ko)).toBe('364,079.12');
    expect(n.amountExact(1_234_567, 'thousand', zh)).toBe('1,234.57');
  });

  it('lines a column of monthly figures up at USD 1 mn or finer', () => {
    expect([
      n.amountColumn(1_060_000_000, 'bn', en),
      n.amountColumn(1_060_000_000, 'mn', en),
      n.amountColumn(1_060_000_000, 'thousand', en),
    ]).toEqual(['1.060', '1,060.0', '1,060,000']);
  });

  it('signs a difference in the unit', () => {
    expect([n.signedAmount(-63e9, 'mn', en), n.signedAmount(2.5e6, 'thousand', ko), n.signedAmount(0, 'mn', zh)]).toEqual([
      '−63,000.0',
      '+2,500',
      '0.0',
    ]);
  });

  it('gives a change the sign of what it shows: one that rounds to nothing has none', () => {
    expect([n.signedPercent(0.054, en), n.signedPercent(-0.129, ko), n.signedPercent(-0.0004, en), n.signedPercent(0.0004, zh)]).toEqual([
      '+5.4%',
      '−12.9%',
      '0.0%',
      '0.0%',
    ]);
    expect([n.signedAmount(-0.04e9, 'bn', en), n.signedAmount(0.04e9, 'bn', en), n.signedAmount(-0.04e9, 'mn', en)]).toEqual([
      '0.0',
      '0.0',
      '−40.0',
    ]);
    // The core's amounts: Korean counts in 억 with one decimal fewer, so 0.04 bn is "0" there and 0.4 bn is "+4".
    const core = [
      [-0.04e9, en],
      [-0.4e9, en],
      [0.04e9, ko],
      [0.4e9, ko],
    ] as const;
    expect(core.map(([usd, tag]) => usdNumber(usd, tag, 1, 1, true))).toEqual(['0.0', '−0.4', '0', '+4']);
  });
});

describe('dates with their precision per language', () => {
  const month: PreciseDate = { precision: 'month', value: '2022-10' };
  const endOfSep: PreciseDate = { precision: 'month', value: '2022-09', part: 'late' };
  const day: PreciseDate = { precision: 'day', value: '2022-08-26' };
  const year: PreciseDate = { precision: 'year', value: '2022' };
  const relative: PreciseDate = {
    precision: 'relative',
    value: '2022-08',
    relative: { anchorId: 's1', anchorLabel: 'S1', weekday: 5, relation: 'before-anchor' },
  };

  it('keeps English exactly as before (exports and prints compare it)', () => {
    for (const d of [month, endOfSep, day, year, relative, { precision: 'day', value: null } as PreciseDate])
      expect(formatPreciseDateIn(d, 'en')).toBe(formatPreciseDate(d));
    expect(formatPreciseDateIn(month, 'en')).toBe('Oct 2022');
    expect(formatPreciseDateIn(endOfSep, 'en')).toMatch(/^end of Sept? 2022$/); // en-GB's CLDR abbreviation, as before
  });

  it('writes Korean dates', () => {
    expect(formatPreciseDateIn(month, 'ko')).toBe('2022년 10월');
    expect(formatPreciseDateIn(endOfSep, 'ko')).toBe('2022년 9월 말');
    expect(formatPreciseDateIn({ ...endOfSep, part: 'early' }, 'ko')).toBe('2022년 9월 초');
    expect(formatPreciseDateIn(day, 'ko')).toBe('2022년 8월 26일');
    expect(formatPreciseDateIn(year, 'ko')).toBe('2022년');
    expect(formatPreciseDateIn(relative, 'ko')).toBe('보고서(S1) 발표 전 금요일, 2022년 8월');
    expect(formatPreciseDateIn({ precision: 'day', value: null }, 'ko')).toBe('날짜 미상');
  });

  it('writes Chinese dates', () => {
    expect(formatPreciseDateIn(month, 'zh')).toBe('2022年10月');
    expect(formatPreciseDateIn(endOfSep, 'zh')).toBe('2022年9月底');
    expect(formatPreciseDateIn({ ...endOfSep, part: 'mid' }, 'zh')).toBe('2022年9月中');
    expect(formatPreciseDateIn(day, 'zh')).toBe('2022年8月26日');
    expect(formatPreciseDateIn(year, 'zh')).toBe('2022年');
    expect(formatPreciseDateIn(relative, 'zh')).toBe('报告（S1）发布前的星期五，2022年8月');
  });
});

describe('Korean particles after a value', () => {
  it('take the form the word before ends in: a consonant, a vowel or ㄹ, a digit as read aloud, through closing quotes', () => {
    const cases: [string, string][] = [
      ['107억 달러이(가) 남음', '107억 달러가 남음'],
      ['화장품을(를) 저장', '화장품을 저장'],
      ['“수출 계획”을(를) 삭제', '“수출 계획”을 삭제'],
      ['“20111”은(는)', '“20111”은'],
      ['2022년 12월 2일이(가)', '2022년 12월 2일이'],
      ['3건 중 2이(가)', '3건 중 2가'],
      ['서울(으)로', '서울로'],
      ['부산(으)로', '부산으로'],
      ['제주(으)로', '제주로'],
      ['중국과(와) 미국', '중국과 미국'],
      ['베트남과(와)', '베트남과'],
      ['일본과(와)', '일본과'],
      ['한국와(과) 중국', '한국과 중국'],
    ];
    for (const [written, read] of cases) expect(withKoreanParticles(written), written).toBe(read);
  });

  it('leave both forms after a Latin name, a code or a symbol, where the reading is not known', () => {
    for (const text of ['trade.csv은(는)', '수출입 구분 DX은(는)', 'USD 5%이(가)', '(KOTRA)와(과)'])
      expect(withKoreanParticles(text)).toBe(text);
  });
});

describe('economy names', () => {
  it('names countries from the runtime’s locale data in Korean and Chinese', () => {
    expect([economyNameIn('KOR', 'South Korea', ko), economyNameIn('CHN', 'China', ko)]).toEqual(['한국', '중국']);
    expect([economyNameIn('KOR', 'South Korea', zh), economyNameIn('CHN', 'China', zh)]).toEqual(['韩国', '中国']);
    expect(economyNameIn('WLD', 'World', zh)).toBe('世界');
  });

  it('names economies whose code is no longer in use, which the runtime does not, and every one the packs report', () => {
    expect([economyNameIn('ANT', 'Netherlands Antilles', ko), economyNameIn('ANT', 'Netherlands Antilles', zh)]).toEqual([
      '네덜란드령 앤틸레스 열도',
      '荷属安德列斯岛',
    ]);
    expect(economyNameIn('ANT', 'Netherlands Antilles', en)).toBe('Netherlands Antilles');
    // A current code keeps its current name (ATF was also the French Southern and Antarctic Territories' former code).
    expect(economyNameIn('ATF', 'French Southern Territories', zh)).toBe(new Intl.DisplayNames([zh], { type: 'region' }).of('TF'));
    expect(former.source).toMatch(/ISO 3166-3.*iso-codes/);
    // Every economy of the built-in packs has a name of its own in Korean and Chinese (the world pack reports 1965 on).
    for (const pack of [worldPack, chinaPack])
      for (const { code, name } of pack.economies)
        for (const tag of [ko, zh]) expect(economyNameIn(code, name, tag), `${code} in ${tag}`).not.toBe(name);
  });

  it('keeps the stored name in English, for subdivisions and for codes it does not know', () => {
    expect(economyNameIn('KOR', 'Republic of Korea', en)).toBe('Republic of Korea');
    expect(economyNameIn('CN-SD', 'Shandong', ko)).toBe('Shandong');
    expect(economyNameIn('XXX', 'Somewhere', zh)).toBe('Somewhere');
  });

  it('maps every ISO 3166-1 country (the table’s source is named in it)', () => {
    expect(Object.keys(table.codes)).toHaveLength(249);
    expect(table.source).toMatch(/ISO 3166-1/);
    expect(Object.values(table.codes).every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });
});

describe('the language at first start', () => {
  it('follows the browser’s (the OS’s) list, first match wins', () => {
    expect(matchLanguage(['ko-KR', 'en-US'])).toBe('ko');
    expect(matchLanguage(['zh-CN'])).toBe('zh');
    expect(matchLanguage(['zh-Hans-SG'])).toBe('zh');
    expect(matchLanguage(['fr-FR', 'zh-CN', 'ko'])).toBe('zh');
    expect(matchLanguage(['zh-TW', 'ko'])).toBe('ko');
    expect(matchLanguage(['de-DE'])).toBe('en');
    expect(matchLanguage([])).toBe('en');
  });
});
