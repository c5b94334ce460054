/**
 * The desktop app's native error boxes in the interface's language (electron/main/error-text.ts, pure: no Electron
 * here): errors the data core really raises, opening real files that are not Tradebrief databases, written from their
 * codes in Korean and Chinese with the file still named; English and uncoded errors as their own message.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../db/common/errors.ts';
import { openDatabase } from '../../db/open.ts';
import { errorTextIn } from '../../electron/main/error-text.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir('tradebrief-error-text-');
afterAll(() => tmp.cleanup());

function refusal(path: string): ApiError {
  try {
    openDatabase(path).close();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`${path} opened`);
}

describe('an error box in the interface’s language', () => {
  const notSqlite = tmp.file('notes.sqlite');
  writeFileSync(notSqlite, 'these are notes, not a database\n'.repeat(200));
  const otherApp = tmp.file('other-app.sqlite');
  const raw = new Database(otherApp);
  raw.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
  raw.close();

  it('writes the core’s refusal of a file that is not SQLite in Korean and Chinese, naming the file', () => {
    const error = refusal(notSqlite);
    expect(error.text?.messageCode).toBe('dbNotSqlite');
    expect(errorTextIn(error, 'en')).toBe(error.message);
    expect(errorTextIn(error, 'ko')).toBe('notes.sqlite은(는) Tradebrief 데이터베이스가 아닙니다(SQLite 파일이 아님).');
    expect(errorTextIn(error, 'zh')).toBe('notes.sqlite不是Tradebrief数据库（不是SQLite文件）。');
  });

  it('writes another application’s database the same way, and the error’s shape as it crossed a host alike', () => {
    const error = refusal(otherApp);
    expect(error.text?.messageCode).toBe('dbNotTradebrief');
    const shape = JSON.parse(JSON.stringify(error)) as unknown;
    for (const language of ['ko', 'zh'] as const) {
      const text = errorTextIn(error, language);
      expect(text).toContain('other-app.sqlite');
      expect(text).not.toMatch(/[a-z]{4,} [a-z]{3,}/);
      expect(errorTextIn(shape, language)).toBe(text);
    }
  });

  it('leaves an error without a code as its own message in every language', () => {
    const plain = new Error('EACCES: permission denied');
    for (const language of ['en', 'ko', 'zh'] as const) expect(errorTextIn(plain, language)).toBe('EACCES: permission denied');
    expect(errorTextIn('a string', 'ko')).toBe('a string');
  });
});

describe('main’s own words', () => {
  it('come from its messages in each language: no dialog, filter or button text is written in English in main’s code', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = 'electron/main';
    // A dialog's title, message, detail, filter name or button, or an error box, given as an English literal.
    const literal = /(title|message|detail|name|label): '[A-Z]|buttons: \['[A-Z]|show(Error|ErrorBox)\('[A-Z]/;
    const allowed = [
      "title: 'Tradebrief'", // the product's name, the window's title until the page gives one
      "message: 'Request refused: unknown sender.'", // to a sender that is not the app's page, never shown
    ];
    const found = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'messages.ts')
      .flatMap((f) =>
        readFileSync(`${dir}/${f}`, 'utf8')
          .split('\n')
          .filter((line) => literal.test(line) && !allowed.some((a) => line.includes(a)))
          .map((line) => `${f}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
    // The check sees such a line.
    expect(literal.test("filters: [{ name: 'All files', extensions: ['*'] }],")).toBe(true);
  });
});
