/**
 * The data core's coded messages (db/common/core-messages.ts): each code has its sentence in English, Korean and
 * Chinese with the same values, the English `message` the core sends is the code's sentence with its values, and
 * every code is one the core uses.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_MESSAGES, english, said, saidAs, templateNames, type CoreMessageCode } from '../../db/common/core-messages.ts';
import { routeInput, sourceInput } from '../../db/common/edit-schemas.ts';
import { issueText } from '../../db/common/core-messages.ts';
import { dispatch } from '../../db/dispatch.ts';
import { jobDone } from '../../db/imports/jobs.ts';
import { openSession } from '../../db/session.ts';
import { chosen } from '../support/chosen-files.ts';
import { tempDir } from '../support/temp.ts';
import en from '../../renderer/src/i18n/messages/en.ts';
import ko from '../../renderer/src/i18n/messages/ko.ts';
import zh from '../../renderer/src/i18n/messages/zh.ts';

type Catalogue = Record<string, string>;
const tmp = tempDir();
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

  it("an unreadable file's error crosses the contract and the import worker with its code, the file and the place", async () => {
    const session = openSession({ path: tmp.file('errors.sqlite') });
    try {
      const png = tmp.file('chart.csv');
      writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
      const preview = await dispatch(session.handlers, 'previewImport', { file: chosen(session, png) });
      expect(preview.ok ? null : preview.error).toEqual({
        code: 'invalid-file',
        message: 'chart.csv is a PNG image, not a CSV file or an .xlsx workbook.',
        messageCode: 'fileOtherKind',
        params: { file: 'chart.csv', kind: { message: 'a PNG image', messageCode: 'kindPng', params: {} } },
        details: { file: 'chart.csv', detected: 'PNG image' },
      });

      // A byte that is not UTF-8 on line 3, met by the import job (its worker thread): the same code and values.
      const latin = tmp.file('latin.csv');
      writeFileSync(
        latin,
        Buffer.concat([
          Buffer.from('refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n2022,KOR,CHN,X,TOTAL,1\n2022,KOR,'),
          Buffer.from([0xf4]),
          Buffer.from(',X,TOTAL,1\n'),
        ]),
      );
      const started = await dispatch(session.handlers, 'startImport', {
        file: chosen(session, latin),
        encoding: 'utf-8',
        onlyValidRows: true,
      });
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.data as { jobId: string };
      await jobDone(jobId).catch(() => undefined);
      const progress = await dispatch(session.handlers, 'importProgress', { jobId });
      const error = progress.ok ? (progress.data as { error: unknown }).error : null;
      expect(error).toMatchObject({
        code: 'invalid-file',
        message:
          "latin.csv cannot be read: line 3, column 10: a byte sequence that is not valid in UTF-8 (the chosen encoding): choose the file's encoding. Nothing was changed.",
        messageCode: 'fileUnreadable',
        params: {
          file: 'latin.csv',
          what: {
            messageCode: 'readInvalidBytes',
            params: { line: '3', column: '10', encoding: 'UTF-8', how: { messageCode: 'readEncodingChosen', params: {} } },
          },
        },
      });
    } finally {
      session.close();
      tmp.cleanup();
    }
  });

  it('every code is one the data core (or the desktop app’s main process, for a dropped file) uses', () => {
    const dir = join(ROOT, 'db');
    const text = [dir, join(ROOT, 'electron', 'main')]
      .flatMap((folder) => readdirSync(folder, { withFileTypes: true, recursive: true }))
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
