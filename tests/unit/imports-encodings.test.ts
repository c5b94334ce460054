/**
 * Text encodings as analysts have them: the same table in UTF-8 (with and without BOM), UTF-16 (LE and
 * BE, with BOM), EUC-KR, GB18030 and Windows-1252 is detected (or chosen) and imports identically; an
 * invalid byte is an error naming its line and column, never a U+FFFD stored; binary files are refused
 * as what they are; a control character never reaches a stored name.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { ApiError } from '../../db/common/errors.ts';
import { jobDone } from '../../db/imports/jobs.ts';
import { importFile, previewFile } from '../../db/imports/importer.ts';
import { guessEncoding } from '../../db/imports/text-encoding.ts';
import { controlCharacterAt, type TextEncodingName } from '../../db/imports/reading.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { openSession } from '../../db/session.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { encodeText, sheetXml, writeWorkbook, writeZip } from '../support/hostile-files.ts';
import { tempDir } from '../support/temp.ts';
import { chosen } from '../support/chosen-files.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let db: Db;
let n = 0;
beforeEach(() => {
  db = openDatabase(tmp.file(`db${++n}.sqlite`));
});

const HEADER = 'refYear,reporterISO,reporterDesc,partnerISO,partnerDesc,flowCode,cmdCode,primaryValue';
/** A Comtrade table whose economies are unknown to the database, so the file's names are stored. */
const table = (reporter: string, partners: string[]): string =>
  `${HEADER}\r\n${partners.map((p, i) => `2022,QZR,${reporter},QZ${String.fromCharCode(65 + i)},${p},X,TOTAL,${1000 * (i + 1)}`).join('\r\n')}\r\n`;

const KOREAN = table('대한민국', ['중국', '베트남', '미국', '일본']);
const CHINESE = table('中华人民共和国', ['越南社会主义共和国', '大韩民国', '美国', '日本']);
const LATIN = table("Côte d'Ivoire", ['Türkiye', 'São Tomé and Príncipe', 'Curaçao', 'Réunion']);

type Case = { text: string; encoding: TextEncodingName; bom?: boolean; how: 'bom' | 'detected' };
const CASES: Record<string, Case> = {
  'UTF-8': { text: KOREAN, encoding: 'utf-8', how: 'detected' },
  'UTF-8 with BOM': { text: KOREAN, encoding: 'utf-8', bom: true, how: 'bom' },
  'UTF-16 LE with BOM': { text: KOREAN, encoding: 'utf-16le', bom: true, how: 'bom' },
  'UTF-16 BE with BOM': { text: KOREAN, encoding: 'utf-16be', bom: true, how: 'bom' },
  'UTF-16 LE without BOM': { text: KOREAN, encoding: 'utf-16le', how: 'detected' },
  'EUC-KR': { text: KOREAN, encoding: 'euc-kr', how: 'detected' },
  GB18030: { text: CHINESE, encoding: 'gb18030', how: 'detected' },
  'Windows-1252': { text: LATIN, encoding: 'windows-1252', how: 'detected' },
};

const names = (): Record<string, string> =>
  Object.fromEntries(db.prepare("SELECT code, name FROM economy WHERE code LIKE 'QZ%' ORDER BY code").raw().all() as [string, string][]);
const flows = (): unknown[] =>
  db.prepare('SELECT reporter, partner, year, flow, product_code, value_usd FROM trade_flow ORDER BY partner').raw().all();

/** What the UTF-8 file of the same table imports (the reference). */
function reference(text: string): { names: Record<string, string>; flows: unknown[] } {
  const ref = openDatabase(tmp.file(`ref${++n}.sqlite`));
  const path = tmp.file(`ref${n}.csv`);
  writeFileSync(path, text);
  importFile(ref, { path, onlyValidRows: true, userName: 'tester' });
  const out = {
    names: Object.fromEntries(
      ref.prepare("SELECT code, name FROM economy WHERE code LIKE 'QZ%' ORDER BY code").raw().all() as [string, string][],
    ),
    flows: ref.prepare('SELECT reporter, partner, year, flow, product_code, value_usd FROM trade_flow ORDER BY partner').raw().all(),
  };
  ref.close();
  return out;
}

describe('the same table in each encoding', () => {
  for (const [label, c] of Object.entries(CASES)) {
    it(`${label}: found, shown decoded in the preview, imported identically`, () => {
      const path = tmp.file(`${label.replace(/\W+/g, '-')}.csv`);
      writeFileSync(path, encodeText(c.text, c.encoding, c.bom));
      const p = previewFile(db, { path });
      expect(p.encoding).toEqual({ name: c.encoding, how: c.how });
      expect(p.format).toBe('comtrade');
      const expectedRows = c.text
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(','));
      expect(p.sampleRows).toEqual(expectedRows);
      expect(p.problemCount).toBe(0);
      const s = importFile(db, { path, onlyValidRows: true, userName: 'tester' });
      expect(s.rowsAdded).toBe(4);
      const ref = reference(c.text);
      expect(names()).toEqual(ref.names);
      expect(flows()).toEqual(ref.flows);
      expect(JSON.stringify(names())).not.toContain('\ufffd');
    });
  }

  it('the encoding chosen by the user wins over the one found', () => {
    const path = tmp.file('chosen.csv');
    writeFileSync(path, encodeText(LATIN, 'windows-1252'));
    const p = previewFile(db, { path, encoding: 'windows-1252' });
    expect(p.encoding).toEqual({ name: 'windows-1252', how: 'chosen' });
    expect(p.sampleRows[0]![4]).toBe('Türkiye');
    // The same bytes read as GB18030, as the user asked: "é " is no GB18030 character, and the error says where.
    expect(() => previewFile(db, { path, encoding: 'gb18030' })).toThrowError(
      /^chosen\.csv cannot be read: line 3, column \d+: a byte sequence that is not valid in GB18030 \(the chosen encoding\): choose the file's encoding/,
    );
  });

  it('guesses from short samples: plain ASCII is UTF-8; Korean, Chinese and Western text apart', () => {
    expect(guessEncoding(Buffer.from('a,b\n1,2\n'))).toBe('utf-8');
    expect(guessEncoding(encodeText('수출,수입,무역수지,대한민국', 'euc-kr'))).toBe('euc-kr');
    expect(guessEncoding(encodeText('出口,进口,贸易差额,中国', 'gb18030'))).toBe('gb18030');
    expect(guessEncoding(encodeText('Zürich,Québec,Ålesund', 'windows-1252'))).toBe('windows-1252');
  });
});

describe('an invalid byte in the encoding', () => {
  function invalid(path: string, encoding?: TextEncodingName): ApiError {
    const before = snapshot(db);
    let error: unknown;
    try {
      previewFile(db, { path, encoding });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(() => importFile(db, { path, encoding, onlyValidRows: true, userName: 'tester' })).toThrowError((error as Error).message);
    expect(snapshot(db)).toBe(before);
    return error as ApiError;
  }

  it('is an error naming line and column (a Latin-1 byte in a file chosen as UTF-8)', () => {
    const path = tmp.file('latin-as-utf8.csv');
    const lines = LATIN.split('\r\n');
    // UTF-8 lines, then one Windows-1252 line: "Côte" has a lone 0xF4.
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(`${lines.slice(0, 3).join('\r\n')}\r\n`), encodeText(`${lines[3]}\r\n`, 'windows-1252')]),
    );
    const error = invalid(path, 'utf-8');
    expect(error.code).toBe('invalid-file');
    const col = lines[3]!.indexOf('ô') + 1;
    expect(error.message).toBe(
      `latin-as-utf8.csv cannot be read: line 4, column ${col}: a byte sequence that is not valid in UTF-8 (the chosen encoding): choose the file's encoding. Nothing was changed.`,
    );
    expect(error.details).toEqual({ file: 'latin-as-utf8.csv', line: 4, column: col, encoding: 'utf-8' });
  });

  it('is found wherever it falls, across read chunks (UTF-16 with an unpaired surrogate on line 3)', () => {
    const path = tmp.file('bad-utf16.csv');
    const text = `${HEADER}\n${'2022,QZR,Korea,QZA,China,X,TOTAL,1\n'.repeat(1)}2022,QZR,Ko`;
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text, 'utf16le'),
      Buffer.from([0x00, 0xd8, 0x41, 0x00]),
      Buffer.from('rea,QZB,Japan,X,TOTAL,2\n', 'utf16le'),
    ]);
    writeFileSync(path, bytes);
    const error = invalid(path);
    expect(error.details).toMatchObject({ line: 3, column: 12, encoding: 'utf-16le' });
  });

  it('an EUC-KR file with a byte that is no character there: line and column', () => {
    const path = tmp.file('bad-euckr.csv');
    const lines = KOREAN.split('\r\n');
    writeFileSync(
      path,
      Buffer.concat([
        encodeText(`${lines.slice(0, 4).join('\r\n')}\r\n2022,QZR,`, 'euc-kr'),
        Buffer.from([0xc9, 0x20]),
        encodeText(',QZE,x,X,TOTAL,1\r\n', 'euc-kr'),
      ]),
    );
    const error = invalid(path, 'euc-kr');
    expect(error.details).toMatchObject({ line: 5, column: 10, encoding: 'euc-kr' });
  });
});

describe('binary files', () => {
  const kinds: [string, Buffer, RegExp][] = [
    [
      'image.csv',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]),
      /^image\.csv is a PNG image, not a CSV file or an \.xlsx workbook\.$/,
    ],
    ['report.csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), /^report\.csv is a PDF document, not a CSV file/],
    ['photo.csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), /^photo\.csv is a JPEG image, not a CSV file/],
    ['anim.csv', Buffer.from('GIF89a\x01\x00\x01\x00'), /^anim\.csv is a GIF image, not a CSV file/],
    ['data.csv', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)]), /^data\.csv is an SQLite database, not a CSV file/],
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /^old\.xls is an old binary Excel file \(\.xls\)/],
    [
      'nul.csv',
      Buffer.from('a,b\n1,2\n3,\u0000x\n'),
      /^nul\.csv cannot be read: a NUL byte at line 3, column 3: a binary file, not a text \(CSV\) file/,
    ],
  ];
  for (const [name, bytes, message] of kinds) {
    it(`${name}: refused as what it is, nothing changed`, () => {
      const path = tmp.file(name);
      writeFileSync(path, bytes);
      const before = snapshot(db);
      expect(() => previewFile(db, { path })).toThrowError(message);
      expect(() => importFile(db, { path, onlyValidRows: true, userName: 'tester' })).toThrowError(message);
      expect(snapshot(db)).toBe(before);
    });
  }

  it('a ZIP archive that is not a workbook is named so', () => {
    const path = tmp.file('archive.xlsx');
    writeZip(path, [{ name: 'readme.txt', pieces: () => [Buffer.from('hello')] }]);
    expect(() => previewFile(db, { path })).toThrowError(
      /^archive\.xlsx cannot be read: a ZIP archive, not an Excel workbook: no workbook part/,
    );
  });
});

describe('control characters never reach a stored name', () => {
  it('a name with a control character is a problem on its row', () => {
    const path = tmp.file('control.csv');
    writeFileSync(path, `${HEADER}\n2022,QZR,Korea,QZA,Chi\u0007na,X,TOTAL,1\n2022,QZR,Korea,QZB,Japan,X,TOTAL,2\n`);
    const s = importFile(db, { path, onlyValidRows: true, userName: 'tester' });
    expect(s.rowsAdded).toBe(1);
    expect(s.problems).toEqual([
      {
        line: 2,
        column: 'partnerDesc',
        value: 'Chi\u0007na',
        message: 'a control character (U+0007) at position 4: not part of a name',
        messageCode: 'nameControlCharacter',
        params: { code: '0007', position: '4' },
      },
    ]);
    const stored = db.prepare('SELECT name FROM economy').pluck().all() as string[];
    expect(stored.filter((name) => controlCharacterAt(name) >= 0)).toEqual([]);
    expect(stored).toContain('Japan');
  });

  it('in a workbook too (an _x0001_ escape in a cell)', () => {
    const path = tmp.file('control.xlsx');
    writeWorkbook(path, () => [
      Buffer.from(
        sheetXml([
          [1, HEADER.split(',')],
          [2, ['2022', 'QZR', 'Korea', 'QZA', 'Chi_x0001_na', 'X', 'TOTAL', '1']],
          [3, ['2022', 'QZR', 'Korea', 'QZB', 'Japan', 'X', 'TOTAL', '2']],
        ]),
      ),
    ]);
    const s = importFile(db, { path, onlyValidRows: true, userName: 'tester' });
    expect(s.rowsAdded).toBe(1);
    expect(s.problems).toEqual([
      {
        line: 2,
        column: 'partnerDesc',
        value: 'Chi\u0001na',
        message: 'a control character (U+0001) at position 4: not part of a name',
        messageCode: 'nameControlCharacter',
        params: { code: '0001', position: '4' },
      },
    ]);
    expect((db.prepare('SELECT name FROM economy').pluck().all() as string[]).filter((name) => controlCharacterAt(name) >= 0)).toEqual([]);
  });
});

describe('through the contract, in the import worker', () => {
  it('the encoding and the header line chosen reach the reader; names with control characters and unknown encodings are refused', async () => {
    const session = openSession({ path: tmp.file('session.sqlite') });
    try {
      const file = tmp.file('contract-euc-kr.csv');
      writeFileSync(file, encodeText(`국가별 수출입 통계\r\n\r\n${KOREAN}`, 'euc-kr'));
      const preview = await dispatch(session.handlers, 'previewImport', { file: chosen(session, file), encoding: 'euc-kr', headerRow: 3 });
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.data).toMatchObject({ encoding: { name: 'euc-kr', how: 'chosen' }, headerLine: 3, format: 'comtrade', rowsValid: 4 });
      expect((preview.data as { sampleRows: string[][] }).sampleRows[0]![2]).toBe('대한민국');

      const unknown = await dispatch(session.handlers, 'previewImport', { file: chosen(session, file), encoding: 'latin-1' });
      expect(unknown.ok ? null : unknown.error.code).toBe('invalid-input');
      const control = await dispatch(session.handlers, 'startImport', {
        file: chosen(session, file),
        publisher: 'Statistics\u0000Korea',
        onlyValidRows: true,
      });
      expect(control.ok ? null : control.error).toMatchObject({ code: 'invalid-input' });
      expect(JSON.stringify(control.ok ? null : control.error)).toContain('no control characters in a name');

      const started = await dispatch(session.handlers, 'startImport', {
        file: chosen(session, file),
        encoding: 'euc-kr',
        headerRow: 3,
        onlyValidRows: true,
      });
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.data as { jobId: string };
      await jobDone(jobId);
      const progress = await dispatch(session.handlers, 'importProgress', { jobId });
      expect(progress.ok && progress.data).toMatchObject({ state: 'done', summary: { outcome: 'imported', rowsAdded: 4 } });
      expect(session.db.prepare("SELECT name FROM economy WHERE code = 'QZR'").pluck().get()).toBe('대한민국');
    } finally {
      session.close();
    }
  });
});
