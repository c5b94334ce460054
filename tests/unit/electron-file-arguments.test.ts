/**
 * Files reaching the Electron main process outside its dialogs (electron/main/file-arguments.ts): a
 * file dropped on the window, checked before it gets a handle, and the file a second launch was given.
 * Real files, folders and links in a temp folder; no Electron needed.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorTextIn } from '../../electron/main/error-text.ts';
import { checkDroppedFile, fileToOpen, isOpenKind, openKindOf, userDataDirArgument } from '../../electron/main/file-arguments.ts';
import { ApiError } from '../../db/common/errors.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function errorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('checkDroppedFile', () => {
  const csv = tmp.file('trade.csv');
  writeFileSync(csv, 'a,b\n1,2\n');
  const pack = tmp.file('pack.json');
  writeFileSync(pack, '{}');

  it('accepts an existing file of the kind, returning its real path', () => {
    expect(checkDroppedFile(csv, 'trade-data')).toBe(csv);
    expect(checkDroppedFile(pack, 'pack')).toBe(pack);
    const link = tmp.file('link.csv');
    symlinkSync(csv, link);
    expect(checkDroppedFile(link, 'trade-data')).toBe(csv);
  });

  it('refuses what is not an absolute path to a regular file of the kind', () => {
    mkdirSync(tmp.file('folder.csv'));
    const cases: [unknown, string, RegExp][] = [
      ['', 'invalid-file', /Only a file from this computer/],
      ['trade.csv', 'invalid-file', /Only a file from this computer/],
      [42, 'invalid-file', /Only a file from this computer/],
      [tmp.file('missing.csv'), 'not-found', /missing\.csv cannot be read: ENOENT/],
      [tmp.file('folder.csv'), 'invalid-file', /folder\.csv is not a file/],
      [
        pack,
        'invalid-file',
        /pack\.json is not trade data \(a CSV file or an Excel workbook\): expected a \.csv, \.tsv, \.txt, \.xlsx file/,
      ],
    ];
    for (const [path, code, message] of cases) {
      const error = errorOf(() => checkDroppedFile(path, 'trade-data'));
      expect(error.code, String(path)).toBe(code);
      expect(error.message).toMatch(message);
    }
    const wrongKind = errorOf(() => checkDroppedFile(csv, 'pack'));
    expect(wrongKind.message).toBe('trade.csv is not a Tradebrief briefing pack: expected a .json file.');
    // Coded, so the page and main's error boxes write it in the interface's language.
    expect(errorTextIn(wrongKind, 'ko')).toBe('trade.csv은(는) Tradebrief 브리핑 팩이 아닙니다: .json 파일이어야 합니다.');
    expect(errorTextIn(wrongKind, 'zh')).toBe('trade.csv不是Tradebrief简报数据包：应为.json文件。');
  });

  it('refuses a link to a folder or to nothing', () => {
    const dangling = tmp.file('dangling.csv');
    symlinkSync(tmp.file('nowhere.csv'), dangling);
    expect(errorOf(() => checkDroppedFile(dangling, 'trade-data')).code).toBe('not-found');
    const toFolder = tmp.file('to-folder.csv');
    symlinkSync(tmp.dir, toFolder);
    expect(errorOf(() => checkDroppedFile(toFolder, 'trade-data')).message).toMatch(/is not a file/);
  });
});

describe('fileToOpen (a second launch with a file)', () => {
  it('finds the trade file or pack among the arguments, resolved against the launch folder', () => {
    expect(fileToOpen(['data/trade.CSV'], '/home/me')).toEqual({ path: join('/home/me', 'data/trade.CSV'), kind: 'trade-data' });
    expect(fileToOpen(['--allow-file-access-from-files', '/x/pack.json'], '/home/me')).toEqual({ path: '/x/pack.json', kind: 'pack' });
    expect(fileToOpen(['book.xlsx', '--some-chromium-switch'], '/w')).toEqual({ path: join('/w', 'book.xlsx'), kind: 'trade-data' });
  });

  it('ignores the app path, switches, other files and the print options’ values', () => {
    expect(fileToOpen(['.', '--inspect'], '/w')).toBeNull();
    expect(fileToOpen(['out/main/index.js'], '/w')).toBeNull();
    expect(fileToOpen(['notes.docx'], '/w')).toBeNull();
    expect(fileToOpen(['--print', 'overview', '--out', 'x.json'], '/w')).toBeNull();
  });

  it('knows the kinds by extension', () => {
    expect(openKindOf('/a/b.tsv')).toBe('trade-data');
    expect(openKindOf('/a/b.JSON')).toBe('pack');
    expect(openKindOf('/a/b.sqlite')).toBeNull();
    expect(isOpenKind('pack')).toBe(true);
    expect(isOpenKind('toString')).toBe(false);
    expect(isOpenKind(undefined)).toBe(false);
  });
});

describe('userDataDirArgument', () => {
  it('reads --user-data-dir=, resolved against the launch folder', () => {
    expect(userDataDirArgument(['.', '--user-data-dir=/tmp/profile'], '/w')).toBe('/tmp/profile');
    expect(userDataDirArgument(['--user-data-dir=profile'], '/w')).toBe(join('/w', 'profile'));
    expect(userDataDirArgument(['--user-data-dir='], '/w')).toBeNull();
    expect(userDataDirArgument(['data.csv'], '/w')).toBeNull();
  });
});
