/**
 * The data core's coded messages (db/common/core-messages.ts): each code has its sentence in English, Korean and
 * Chinese with the same values, the English `message` the core sends is the code's sentence with its values, and
 * every code is one the core uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_MESSAGES, english, said, saidAs, templateNames, type CoreMessageCode } from '../../db/common/core-messages.ts';
import { routeInput, sourceInput } from '../../db/common/edit-schemas.ts';
import { issueText } from '../../db/common/core-messages.ts';
import en from '../../renderer/src/i18n/messages/en.ts';
import ko from '../../renderer/src/i18n/messages/ko.ts';
import zh from '../../renderer/src/i18n/messages/zh.ts';

type Catalogue = Record<string, string>;
const CODES = Object.keys(CORE_MESSAGES) as CoreMessageCode[];
const ROOT = join(import.meta.dirname, '..', '..');

/** For each code: a catalogue without its message, or whose message has other values than the code's. */
function catalogueDifferences(codes: Record<string, string>, catalogues: Record<string, Catalogue>): string[] {
  return Object.entries(codes).flatMap(([code, template]) =>
    Object.entries(catalogues).flatMap(([lang, catalogue]) => {
      const text = catalogue[`core.${code}`];
      if (text === undefined || text.trim() === '') return text === ', ' || text === '; ' ? [] : [`${lang} lacks core.${code}`];
      const want = templateNames(template).join(',');
      const have = templateNames(text).join(',');
      return want === have ? [] : [`${lang} core.${code}: {{${have}}} where the code has {{${want}}}`];
    }),
  );
}

describe('the core messages', () => {
  it('each code has a message in English, Korean and Chinese, with the same values', () => {
    expect(CODES.length).toBeGreaterThan(50);
    expect(catalogueDifferences(CORE_MESSAGES, { en, ko, zh })).toEqual([]);
    // English is the code's own sentence.
    for (const code of CODES) expect(en[`core.${code}`], code).toBe(CORE_MESSAGES[code]);
    // The check sees a missing message and a dropped or renamed value.
    expect(
      catalogueDifferences(
        { yearRange: 'a year from {{min}} to {{max}}', valueMissing: 'no value' },
        {
          ko: { 'core.yearRange': '{{min}}년부터의 연도' },
          zh: { 'core.yearRange': '{{min}}至{{maximum}}', 'core.valueMissing': '没有数值' },
        },
      ),
    ).toEqual([
      'ko core.yearRange: {{min}} where the code has {{max,min}}',
      'zh core.yearRange: {{maximum,min}} where the code has {{max,min}}',
      'ko lacks core.valueMissing',
    ]);
  });

  it('writes the English message from the code and its values', () => {
    expect(said('yearRange', { min: '1900', max: '2100' })).toEqual({
      message: 'a year from 1900 to 2100',
      messageCode: 'yearRange',
      params: { min: '1900', max: '2100' },
    });
    // Quantities are grouped; nested messages and lists are written out.
    const skips = [
      said('importSkipCount', { count: 1200, reason: said('skipArea') }),
      said('importSkipCount', { count: 3, reason: 'other' }),
    ];
    expect(said('importAllSkippedMany', { rows: 1203, skips }).message).toBe(
      'No rows to import: all 1,203 rows were skipped (1,200 partner is an area, not an economy, 3 other).',
    );
    expect(saidAs('flowsWits').message).toBe('only Export, Import, Re-Export, Re-Import');
    // A value left out stays visible rather than vanishing.
    expect(english({ messageCode: 'hsDigits', params: {} })).toBe('an HS code has 2, 4 or 6 digits, not {{digits}}');
  });

  it("codes the edit forms' validation: the schema's own messages, and zod's checks with their limits", () => {
    const source = sourceInput.safeParse({ label: ' ', publisher: 'p'.repeat(4001), title: 'T', url: 'ftp://x.org', extra: 1 });
    expect(source.success).toBe(false);
    const coded = source.error!.issues.map((i) => ({ path: i.path.join('.'), ...issueText(i) }));
    expect(coded).toEqual(
      expect.arrayContaining([
        { path: 'label', messageCode: 'fieldRequired', params: {} },
        { path: 'publisher', messageCode: 'fieldTooLong', params: { max: '4000' } },
        { path: 'url', messageCode: 'fieldHttp', params: {} },
        { path: '', messageCode: 'fieldUnknownKeys', params: { keys: 'extra' } },
      ]),
    );
    const route = routeInput.safeParse({ name: 'R', transitDays: { min: 5, max: 2 }, legs: [], sourceId: 's' });
    expect(route.error!.issues.map((i) => issueText(i).messageCode).sort()).toEqual(['fieldLegs', 'fieldMaxBelowMin']);
    const mode = routeInput.safeParse({ name: 'R', legs: [{ mode: 'boat', fromPlaceId: 'a', toPlaceId: 'b' }], sourceId: 's' });
    expect(mode.error!.issues.map(issueText)).toEqual([{ messageCode: 'fieldChoice', params: { choices: 'sea, rail, road, air' } }]);
    expect(issueText({ code: 'invalid_type', message: 'Invalid input: expected number, received string', expected: 'number' })).toEqual({
      messageCode: 'fieldWrongType',
      params: { expected: 'number' },
    });
  });

  it('every code is one the data core uses', () => {
    const dir = join(ROOT, 'db');
    const text = readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(e.parentPath, e.name))
      .map((path) => {
        const source = readFileSync(path, 'utf8');
        // The codes' own definitions do not count as a use.
        return relative(dir, path) === join('common', 'core-messages.ts') ? source.slice(source.indexOf('} as const;')) : source;
      })
      .join('\n');
    const unused = CODES.filter((code) => !text.includes(`'${code}'`) && !text.includes(`CORE_MESSAGES.${code}`));
    expect(unused).toEqual([]);
    // The check sees a code nobody uses.
    expect(['neverUsedCode'].filter((code) => !text.includes(`'${code}'`))).toEqual(['neverUsedCode']);
  });
});
