/**
 * Hostile files (made here, see tests/support/hostile-files.ts): each is refused with an invalid-file
 * error naming the file and the place (entry, sheet row, line), in bounded time (each test must end
 * within the default timeout; the times are measured in tests/bench/hostile-files.ts), and the
 * database is left exactly as it was — by the preview and by the import.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../db/common/errors.ts';
import { MAX_RECORD_CHARS } from '../../db/imports/csv.ts';
import { importFile, PREVIEW_BYTES, previewFile } from '../../db/imports/importer.ts';
import { cancelJob, jobDone, jobProgress, startJob } from '../../db/imports/jobs.ts';
import { MAX_ROW_XML_CHARS, MAX_STRING_XML_CHARS, XlsxFileReader } from '../../db/imports/xlsx.ts';
import { MAX_RATIO } from '../../db/imports/zip.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { generate } from '../support/comtrade-like.ts';
import { snapshot } from '../support/db-snapshot.ts';
import {
  hugeCellXlsx,
  hugeSharedStringXlsx,
  oneLineCsv,
  unterminatedQuoteCsv,
  writePieces,
  writeWorkbook,
  zipBombXlsx,
} from '../support/hostile-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const MB = 1024 * 1024;

let db: Db;
let n = 0;
beforeEach(() => {
  db = openDatabase(tmp.file(`db${++n}.sqlite`));
});

/** The error a call throws (it must throw). */
function errorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an error');
}

/** Preview and import both refuse the file with the same error, and nothing changes. */
function refused(path: string, extra: { mapping?: Record<string, string> } = {}): ApiError {
  const before = snapshot(db);
  const mapping = extra.mapping as Parameters<typeof previewFile>[1]['mapping'];
  const fromPreview = errorOf(() => previewFile(db, { path, mapping }));
  const fromImport = errorOf(() => importFile(db, { path, mapping, onlyValidRows: true, userName: 'tester' }));
  expect(fromImport.message).toBe(fromPreview.message);
  expect(fromPreview.code).toBe('invalid-file');
  expect(snapshot(db)).toBe(before);
  return fromPreview;
}

const anyMapping = { reporter: 'name', partner: 'name', year: 'name', flow: 'name', value: 'name' };

describe('workbooks that would exhaust memory', () => {
  it('a zip bomb (one cell inflating ~1000×) stops at the ratio limit, naming the file and the entry', () => {
    const path = tmp.file('bomb.xlsx');
    zipBombXlsx(path, 64 * MB);
    const error = refused(path, { mapping: anyMapping });
    expect(error.message).toMatch(
      /^bomb\.xlsx cannot be read: xl\/worksheets\/sheet1\.xml inflates [\d,]+ times its compressed size \(more than 200×\): a "zip bomb"/,
    );
    expect(error.details).toMatchObject({ file: 'bomb.xlsx', entry: 'xl/worksheets/sheet1.xml', limit: MAX_RATIO });
  });

  it('an entry inflating past the size its directory declares stops there', () => {
    const path = tmp.file('liar.xlsx');
    zipBombXlsx(path, 4 * MB, { declaredSheetSize: 1000 });
    const error = refused(path, { mapping: anyMapping });
    expect(error.message).toMatch(
      /^liar\.xlsx cannot be read: xl\/worksheets\/sheet1\.xml inflates to more than the 1,000 bytes its directory declares/,
    );
    expect(error.details).toMatchObject({ file: 'liar.xlsx', entry: 'xl/worksheets/sheet1.xml' });
  });

  it('a cell too large for any row (no bomb: it hardly compresses) stops at the row limit, naming the sheet row', () => {
    const path = tmp.file('cell.xlsx');
    hugeCellXlsx(path, MAX_ROW_XML_CHARS + MB);
    const error = refused(path, { mapping: anyMapping });
    expect(error.message).toMatch(/^cell\.xlsx cannot be read: row 2 of sheet “Data” is longer than 4,194,304 characters of XML/);
    expect(error.details).toMatchObject({
      file: 'cell.xlsx',
      sheet: 'Data',
      line: 2,
      entry: 'xl/worksheets/sheet1.xml',
      limit: MAX_ROW_XML_CHARS,
    });
  });

  it('a huge shared string stops at the string limit, naming the string', () => {
    const path = tmp.file('sst.xlsx');
    hugeSharedStringXlsx(path, 2 * MAX_STRING_XML_CHARS);
    const error = refused(path, { mapping: anyMapping });
    expect(error.message).toMatch(/^sst\.xlsx cannot be read: shared string 2 is longer than 1,048,576 characters of XML/);
    expect(error.details).toMatchObject({ file: 'sst.xlsx', entry: 'xl/sharedStrings.xml', limit: MAX_STRING_XML_CHARS });
  });
});

describe('a workbook with many shared strings', () => {
  it('can be stopped while its shared strings are read, before any row', () => {
    const path = tmp.file('many-strings.xlsx');
    const count = 200_000;
    writeWorkbook(
      path,
      () => [
        Buffer.from(
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="s"><v>0</v></c></row></sheetData></worksheet>',
        ),
      ],
      {
        sharedStrings: function* () {
          yield Buffer.from(
            `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`,
          );
          for (let i = 0; i < count; i += 10_000)
            yield Buffer.from(Array.from({ length: 10_000 }, (_, k) => `<si><t>string number ${i + k}</t></si>`).join(''));
          yield Buffer.from('</sst>');
        },
      },
    );
    let calls = 0;
    const reader = new XlsxFileReader(path, {
      checkpoint: () => {
        if (++calls === 3) throw new Error('stopped');
      },
    });
    expect(() => reader.header).toThrowError('stopped');
    reader.close();
    expect(calls).toBe(3);
    // Read to its end, the same workbook has every string.
    const whole = new XlsxFileReader(path);
    expect(whole.header).toEqual(['string number 0']);
    whole.close();
  });
});

describe('CSV files that could take quadratic time', () => {
  it('30 MB with no line end (JSON saved as .csv) is refused at the record limit, naming line 1', () => {
    const path = tmp.file('api.csv');
    oneLineCsv(path, 30 * MB);
    const error = refused(path);
    expect(error.message).toBe(
      'api.csv cannot be read: line 1 is longer than 1,048,576 characters with no line end: not a table of rows (a JSON or text document saved as .csv?). Nothing was changed.',
    );
    expect(error.details).toEqual({ file: 'api.csv', line: 1, limit: MAX_RECORD_CHARS });
  });

  it('an unterminated quote is refused at the field limit, naming the line where the quote opened', () => {
    const path = tmp.file('quote.csv');
    unterminatedQuoteCsv(path, 16 * MB);
    const error = refused(path, { mapping: { reporter: 'name', partner: 'name', year: 'value', flow: 'name', value: 'value' } });
    expect(error.message).toBe(
      'quote.csv cannot be read: line 3, column 1: a quoted field opened here is still open after 1,048,576 characters (a missing closing quote?). Nothing was changed.',
    );
    expect(error.details).toEqual({ file: 'quote.csv', line: 3, column: 1, limit: MAX_RECORD_CHARS });
  });

  it('a short unterminated quote at the end of the file is refused too (not taken as one long field)', () => {
    const path = tmp.file('short-quote.csv');
    writePieces(path, [Buffer.from('name,value\nKorea,1\nChina,2\n4,"Viet Nam\nJapan,4\n')]);
    const error = refused(path, { mapping: { reporter: 'name', partner: 'name', year: 'value', flow: 'name', value: 'value' } });
    expect(error.message).toMatch(/^short-quote\.csv cannot be read: line 4, column 3: a quoted field opened here is never closed/);
    expect(error.details).toEqual({ file: 'short-quote.csv', line: 4, column: 3 });
  });

  it('a long record just under the limit still reads', () => {
    const path = tmp.file('long-ok.csv');
    const long = 'x'.repeat(MAX_RECORD_CHARS - 100);
    writePieces(path, [Buffer.from(`name,value\n"${long}",1\nKorea,2\n`)]);
    const p = previewFile(db, { path, mapping: { reporter: 'name', partner: 'name', year: 'value', flow: 'name', value: 'value' } });
    expect(p.rowsRead).toBe(2);
    expect(p.sampleRows[0]![0]!.length).toBe(long.length);
  });
});

describe('a web page saved in place of a download', () => {
  it('is refused as a web page, naming the line, whether it starts with a doctype, a blank line or <html>, and nothing changes', () => {
    const pages = {
      'expired.csv': '<!DOCTYPE html>\n<html><head><title>Session expired</title></head><body>Sign in again, please</body></html>\n',
      'blank-first.csv': '\n\n  <html lang="en"><body>Not found</body></html>\n',
    };
    for (const [name, text] of Object.entries(pages)) {
      const path = tmp.file(name);
      writeFileSync(path, text);
      const error = refused(path);
      const line = name === 'expired.csv' ? 1 : 3;
      expect(error.message).toBe(
        `${name} cannot be read: line ${line} begins a web page (HTML), not a table: a page a website showed in place of the download (a sign-in or an expired session?); download the file again. Nothing was changed.`,
      );
      expect(error.details).toEqual({ file: name, line });
    }
    // A table whose first column's values merely look like markup is read as a table.
    const table = tmp.file('markup-values.csv');
    writeFileSync(table, 'reporter,partner,year,flow,value\n<html>,CHN,2022,export,1\n');
    expect(
      previewFile(db, { path: table, mapping: { reporter: 'reporter', partner: 'partner', year: 'year', flow: 'flow', value: 'value' } })
        .rowsRead,
    ).toBe(1);
  });
});

describe('the preview reads the first megabytes only', () => {
  let big: string;
  beforeAll(() => {
    big = tmp.file('big-comtrade.csv');
    generate(big, 120_000);
  });

  it('says what it covers when it stops early (at its byte bound, or its time bound); a whole check reads every row', () => {
    expect(PREVIEW_BYTES).toBe(8 * MB);
    const p = previewFile(db, { path: big, limits: { bytes: 2 * MB, ms: 600_000 } });
    expect(p.checked.complete).toBe(false);
    // It stops after the 64 KiB read that passes the bound.
    expect(p.checked.bytes).toBeGreaterThanOrEqual(2 * MB);
    expect(p.checked.bytes).toBeLessThanOrEqual(2 * MB + 64 * 1024);
    expect(p.checked.totalBytes).toBe(p.fileSize);
    expect(p.checked.rows).toBe(p.rowsRead);
    expect(p.rowsRead).toBeGreaterThan(1000);
    expect(p.rowsRead).toBeLessThan(120_000);
    expect(p.sampleRows).toHaveLength(10);
    expect(p.fileHash).toBe('');
    expect(p.alreadyImported).toBeNull();
    const timed = previewFile(db, { path: big, limits: { bytes: 1e12, ms: 0 } });
    expect(timed.checked).toEqual({ complete: false, rows: timed.rowsRead, bytes: 64 * 1024, totalBytes: timed.fileSize });
    const whole = previewFile(db, { path: big, whole: true });
    expect(whole.checked).toEqual({ complete: true, rows: 120_000, bytes: whole.fileSize, totalBytes: whole.fileSize });
    expect(whole.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a preview job can be cancelled: it ends as cancelled, nothing written', async () => {
    const before = snapshot(db);
    const job = startJob('preview', db.name, { path: big });
    expect(cancelJob(job.id)).toEqual({ cancelled: true });
    await jobDone(job.id);
    expect(jobProgress(job.id).state).toBe('cancelled');
    expect(snapshot(db)).toBe(before);
  });
});
