/**
 * The data core's errors and texts that reach the page, coded (db/common/core-messages.ts): a refused pack, a
 * database that cannot be opened, a file that cannot be written, a backup that is not there, a damaged workbook,
 * the rules the views state and the periods the core makes. Each keeps its English `message` as before, carries
 * the file, row and field as values, and reads whole in Korean and Chinese from the catalogues.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceRef } from '../support/source-ref.ts';
import { backupPath } from '../../db/backup.ts';
import { ROUNDING_RULE, ROUNDING_RULE_TEXT } from '../../db/claims/rules.ts';
import {
  CORE_MESSAGES,
  english,
  isCoreList,
  isEconomyValue,
  isMonthsValue,
  isUsdValue,
  monthsText,
  periodTextOfNote,
  said,
  type CoreParams,
  type CoreText,
  type CoreValue,
} from '../../db/common/core-messages.ts';
import { ApiError, type ApiErrorShape } from '../../db/common/errors.ts';
import { dispatch } from '../../db/dispatch.ts';
import { importFile, LAYOUT_NAMES } from '../../db/imports/importer.ts';
import { FORMAT_LABELS, type ImportFormat } from '../../db/common/import-layouts.ts';
import { writeFileSafely } from '../../db/files/safe-write.ts';
import { mapSqliteError, openDatabase } from '../../db/open.ts';
import { readPackFile } from '../../db/packs/load.ts';
import { PARTNERS_RULE, PARTNERS_RULE_TEXT } from '../../db/partners/rules.ts';
import { PRODUCTS_RULE, PRODUCTS_RULE_TEXT } from '../../db/products/rules.ts';
import { SECTOR_METHOD, SECTOR_METHOD_TEXT } from '../../db/sectors/rules.ts';
import { openSession } from '../../db/session.ts';
import { CHOICE_RULE, CHOICE_RULE_TEXT } from '../../db/trade/chosen.ts';
import { SERIES_RULE, SERIES_RULE_TEXT, yearValue } from '../../db/trade/rules.ts';
import type { ChosenRow } from '../../db/trade/sql.ts';
import en from '../../renderer/src/i18n/messages/en.ts';
import ko from '../../renderer/src/i18n/messages/ko.ts';
import zh from '../../renderer/src/i18n/messages/zh.ts';
import { chosen } from '../support/chosen-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Catalogue = Record<string, string>;
const LANGUAGES: [string, Catalogue][] = [
  ['ko', ko],
  ['zh-CN', zh],
];

/**
 * A coded message written from a catalogue as the page writes it (renderer/src/i18n/i18n.svelte.ts tCore): numbers
 * grouped, nested messages and lists written in the same language, months by Intl; economies by their stored name
 * (the page asks Intl.DisplayNames, which the e2e tests show); amounts as the claims write them.
 */
function write(text: CoreText, catalogue: Catalogue, tag: string): string {
  const value = (v: CoreValue): string => {
    if (typeof v === 'number') return new Intl.NumberFormat(tag).format(v);
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map((t) => write(t, catalogue, tag)).join(catalogue['core.importListJoin']);
    if (isEconomyValue(v)) return v.name;
    if (isCoreList(v)) return v.items.map((t) => write(t, catalogue, tag)).join(catalogue[`core.${v.joinedBy}`]);
    if (isMonthsValue(v)) return monthsText(v.months, (m) => monthName(m, tag), catalogue['core.monthRunJoin']!);
    if (isUsdValue(v)) {
      const tenToEight = !tag.startsWith('en');
      const n = new Intl.NumberFormat(tag, { maximumFractionDigits: tenToEight ? 0 : 1, minimumFractionDigits: tenToEight ? 0 : 1 });
      return catalogue['claims.usd']!.replace('{{n}}', n.format(v.usd / (tenToEight ? 1e8 : 1e9)));
    }
    return write(v, catalogue, tag);
  };
  const template = catalogue[`core.${text.messageCode}`];
  if (template === undefined) throw new Error(`no core.${text.messageCode}`);
  const params: CoreParams = text.params;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (params[name] === undefined ? whole : value(params[name]!)));
}

const monthName = (month: number, tag: string): string =>
  new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));

/** The error a call throws, as it crosses a host (its JSON shape). */
function thrown(call: () => unknown): ApiErrorShape {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiError) return error.toJSON();
    throw error;
  }
  throw new Error('did not throw');
}

/** The shape's code and values written in English, Korean and Chinese: complete (no value left out), naming `names`. */
function readsWhole(shape: ApiErrorShape, ...names: string[]): string[] {
  expect(shape.messageCode, shape.message).toBeDefined();
  const text = { messageCode: shape.messageCode!, params: shape.params ?? {} };
  const written = [write(text, en, 'en'), ...LANGUAGES.map(([tag, c]) => write(text, c, tag))];
  for (const w of written) {
    expect(w).not.toMatch(/\{\{/);
    for (const name of names) expect(w).toContain(name);
  }
  // Korean and Chinese are not the English.
  expect(new Set(written).size).toBe(3);
  return written;
}

describe('errors of the data core, coded', () => {
  const seed = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'db', 'packs', 'korea-china-2022.json'), 'utf8')) as {
    tradeFlows: Record<string, unknown>[];
  } & Record<string, unknown>;

  it('a refused pack names the file and each field with its problem; the English stays as zod and the checks wrote it', () => {
    const [first, second, ...rest] = seed.tradeFlows;
    const file = tmp.file('colleague.json');
    writeFileSync(file, JSON.stringify({ ...seed, id: 'colleague', tradeFlows: [{ ...first, source: 'nowhere' }, second, ...rest] }));
    const unknown = thrown(() => readPackFile(file));
    expect(unknown.message).toBe('colleague.json is not a valid briefing pack: tradeFlows[0].source: unknown source "nowhere"');
    expect(unknown).toMatchObject({
      code: 'invalid-pack',
      messageCode: 'packInvalid',
      params: {
        file: 'colleague.json',
        issues: {
          joinedBy: 'packIssueJoin',
          items: [
            {
              messageCode: 'packIssue',
              params: { path: 'tradeFlows[0].source', what: { messageCode: 'packUnknownSource', params: { key: 'nowhere' } } },
            },
          ],
        },
      },
    });
    const [, korean, chinese] = readsWhole(unknown, 'colleague.json', 'tradeFlows[0].source', 'nowhere');
    expect(korean).toContain('알 수 없는 출처');
    expect(chinese).toContain('未知的来源');

    // zod's own checks (a negative value) and the schema's own message (a reserved id), six problems: five named, one counted.
    writeFileSync(
      file,
      JSON.stringify({ ...seed, id: 'user', tradeFlows: [0, 1, 2, 3, 4].map(() => ({ ...first, valueUsd: -1 })), statedFigures: [] }),
    );
    const checks = thrown(() => readPackFile(file));
    expect(checks.message).toMatch(/^colleague\.json is not a valid briefing pack: id: "user" is an id the app uses for its own rows/);
    expect(checks.message).toMatch(/\(and 1 more\)$/);
    expect(checks.messageCode).toBe('packInvalidMore');
    const items = (checks.params!['issues'] as { items: CoreText[] }).items;
    expect(items[0]!.params['what']).toEqual({ messageCode: 'packReservedId', params: { id: 'user', reserved: 'import, user' } });
    expect(items[1]).toMatchObject({
      params: { path: 'tradeFlows[0].valueUsd', what: { messageCode: 'fieldTooSmall', params: { min: '0' } } },
    });
    readsWhole(checks, 'colleague.json', 'tradeFlows[3].valueUsd', 'user');

    // Limits: the size said in the language, the file named.
    const tooMany = thrown(() => readPackFile(file, { maxElements: 3 }));
    expect(tooMany).toMatchObject({ messageCode: 'packTooLarge', params: { what: { messageCode: 'packTooManyElements' } } });
    expect(readsWhole(tooMany, 'colleague.json')[0]).toBe(tooMany.message);
    writeFileSync(file, '{"id": "x", ');
    readsWhole(
      thrown(() => readPackFile(file)),
      'colleague.json',
    );
  });

  it('a database that cannot be opened: not SQLite, not a Tradebrief database, written by a newer version', () => {
    const text = tmp.file('notes.sqlite');
    writeFileSync(text, 'These are notes, not a database.\n');
    const notSqlite = thrown(() => openDatabase(text));
    expect(notSqlite).toMatchObject({ code: 'not-a-database', messageCode: 'dbNotSqlite', params: { file: 'notes.sqlite' } });
    expect(notSqlite.message).toBe('notes.sqlite is not a Tradebrief database (not an SQLite file).');
    readsWhole(notSqlite, 'notes.sqlite');

    const other = tmp.file('other.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE recipes (name TEXT)');
    raw.close();
    readsWhole(
      thrown(() => openDatabase(other)),
      'other.sqlite',
    );

    const newer = tmp.file('newer.sqlite');
    openDatabase(newer).close();
    const bumped = new Database(newer);
    bumped.pragma('user_version = 999');
    bumped.close();
    const error = thrown(() => openDatabase(newer));
    expect(error).toMatchObject({ code: 'newer-schema', messageCode: 'dbNewerSchema', params: { file: 'newer.sqlite', schema: '999' } });
    readsWhole(error, 'newer.sqlite', '999');

    // A write the disk refuses while a method runs (dispatch): the database file named in the language too.
    const full = mapSqliteError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), said('dbTheFile'));
    expect(full).toBeInstanceOf(ApiError);
    const shape = (full as ApiError).toJSON();
    expect(shape.message).toBe('The disk holding the database file is full: nothing was changed.');
    const [, korean, chinese] = readsWhole(shape);
    expect(korean).toContain('데이터베이스 파일');
    expect(chinese).toContain('数据库文件');
  });

  it("a file that cannot be written says why in the language, naming the file chosen (never the temporary file's)", async () => {
    const db = tmp.file('guarded.sqlite');
    const guard = { databasePath: db, backupsDir: tmp.file('backups') };
    const target = join(tmp.file('missing-folder'), 'trade.csv');
    const failed = await writeFileSafely(target, guard, (temp) => writeFileSync(temp, 'x')).then(
      () => null,
      (e: ApiError) => e.toJSON(),
    );
    expect(failed).toMatchObject({
      code: 'invalid-file',
      messageCode: 'writeFailed',
      params: { file: 'trade.csv', reason: { messageCode: 'writeNoFolder' } },
    });
    expect(JSON.stringify(failed)).not.toContain('.partial');
    const [, korean, chinese] = readsWhole(failed!, 'trade.csv');
    expect(korean).toContain('폴더가 없음');
    expect(chinese).toContain('其文件夹不存在');

    const onDatabase = await writeFileSafely(`${db}-wal`, guard, () => undefined).catch((e: ApiError) => e.toJSON());
    expect(onDatabase).toMatchObject({ code: 'conflict', messageCode: 'writeIsDatabase' });
    readsWhole(onDatabase as ApiErrorShape, 'guarded.sqlite-wal');
  });

  it('a backup that is not there names it and the database', () => {
    const db = tmp.file('kept.sqlite');
    openDatabase(db).close();
    const error = thrown(() => backupPath(db, 'kept.20260101T000000Z.before-import.sqlite'));
    expect(error).toMatchObject({ code: 'not-found', messageCode: 'backupNotFound' });
    readsWhole(error, 'kept.sqlite', 'kept.20260101T000000Z.before-import.sqlite');
  });

  it("a damaged workbook's details cross the contract coded, inside the file's error", async () => {
    const session = openSession({ path: tmp.file('xlsx.sqlite') });
    try {
      const file = tmp.file('figures.xlsx');
      // A ZIP's first bytes, then nothing a ZIP reader can use.
      writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]));
      const preview = await dispatch(session.handlers, 'previewImport', { file: chosen(session, file) });
      const error = preview.ok ? null : preview.error;
      expect(error).toMatchObject({
        code: 'invalid-file',
        messageCode: 'fileUnreadable',
        params: {
          file: 'figures.xlsx',
          what: { messageCode: 'xlsxNotReadable', params: { what: { messageCode: 'zipNoDirectory' } } },
        },
      });
      const [englishText, korean] = readsWhole(error!, 'figures.xlsx');
      expect(englishText).toBe(error!.message);
      expect(korean).toContain('ZIP 디렉터리가 없음');
    } finally {
      session.close();
    }
  });
});

describe('imports that end early, coded', () => {
  it('a file without the columns of the layout chosen, and an empty file', async () => {
    const session = openSession({ path: tmp.file('imports.sqlite') });
    try {
      const file = tmp.file('two-columns.csv');
      writeFileSync(file, 'partner,value\nCHN,1\n');
      // The preview lists the missing columns; the import refuses the file.
      const error = thrown(() => importFile(session.db, { path: file, format: 'comtrade', onlyValidRows: true, userName: 'test' }));
      expect(error).toMatchObject({
        code: 'invalid-file',
        messageCode: 'importNotAsFormat',
        params: { file: 'two-columns.csv', what: { messageCode: 'importMissingColumns' } },
      });
      const [, korean] = readsWhole(error, 'two-columns.csv', 'refYear');
      expect(korean).toContain('UN Comtrade(현재 API/포털 형식)');
      // Each layout's coded name is its label in English.
      for (const [layout, code] of Object.entries(LAYOUT_NAMES)) expect(CORE_MESSAGES[code]).toBe(FORMAT_LABELS[layout as ImportFormat]);

      const empty = tmp.file('empty.csv');
      writeFileSync(empty, '');
      const nothing = await dispatch(session.handlers, 'previewImport', { file: chosen(session, empty) });
      readsWhole(nothing.ok ? ({} as ApiErrorShape) : nothing.error, 'empty.csv');
    } finally {
      session.close();
    }
  });
});

describe("the edit forms' saves the database refuses, and rows a link names that are not there, coded", () => {
  it('a row no longer there is named with what it is', async () => {
    const session = openSession({ path: tmp.file('edit.sqlite') });
    try {
      const saved = await dispatch(session.handlers, 'saveSource', { id: 'nope', label: 'X', publisher: 'P', title: 'T' });
      const error = saved.ok ? ({} as ApiErrorShape) : saved.error;
      expect(error).toMatchObject({
        code: 'not-found',
        message: 'No source with id nope.',
        messageCode: 'editNotFound',
        params: { id: 'nope', entity: { messageCode: 'entitySource' } },
      });
      const [, korean, chinese] = readsWhole(error, 'nope');
      expect(korean).toContain('출처');
      expect(chinese).toContain('来源');

      // A briefing a stale link names.
      const briefing = await dispatch(session.handlers, 'getBriefing', { id: 'no-such-briefing' });
      const missing = briefing.ok ? ({} as ApiErrorShape) : briefing.error;
      expect(missing).toMatchObject({ code: 'not-found', messageCode: 'briefingNotFound', params: { id: 'no-such-briefing' } });
      readsWhole(missing, 'no-such-briefing');
    } finally {
      session.close();
    }
  });
});

describe('rules and periods the core makes, coded', () => {
  it('each rule is the English sentence its code writes, and reads in Korean and Chinese', () => {
    for (const [rule, text] of [
      [CHOICE_RULE, CHOICE_RULE_TEXT],
      [SERIES_RULE, SERIES_RULE_TEXT],
      [PRODUCTS_RULE, PRODUCTS_RULE_TEXT],
      [PARTNERS_RULE, PARTNERS_RULE_TEXT],
      [ROUNDING_RULE, ROUNDING_RULE_TEXT],
      [SECTOR_METHOD, SECTOR_METHOD_TEXT],
    ] as const) {
      expect(english(text)).toBe(rule);
      for (const [tag, catalogue] of LANGUAGES) {
        const written = write(text, catalogue, tag);
        expect(written).not.toMatch(/\{\{|[A-Za-z]{5}/);
      }
    }
    // The choice rule is inside the others, in the same language.
    expect(write(PRODUCTS_RULE_TEXT, ko, 'ko')).toContain(write(CHOICE_RULE_TEXT, ko, 'ko'));
    expect(SERIES_RULE).toContain(CHOICE_RULE);
  });

  it('a partial year carries its months as numbers: English "Jan–Jul only", the months named by Intl in Korean and Chinese', () => {
    const row = (month: number): ChosenRow => ({
      year: 2024,
      month,
      flow: 'export',
      value_usd: 1,
      series: 'primary',
      source_id: 's',
      note: null,
      alternatives: 0,
    });
    const source = sourceRef;
    const partial = yearValue([7, 1, 2, 3, 4, 5, 6, 9].map(row), source);
    expect(partial.periodNote).toBe('Jan–Jul, Sep only');
    expect(partial.periodText).toEqual({ messageCode: 'periodPartial', params: { months: { months: [1, 2, 3, 4, 5, 6, 7, 9] } } });
    expect(english(partial.periodText!)).toBe(partial.periodNote);
    expect(write(partial.periodText!, ko, 'ko')).toBe('1월–7월, 9월만');
    expect(write(partial.periodText!, zh, 'zh-CN')).toBe('仅1月–7月、9月');

    const full = yearValue(
      Array.from({ length: 12 }, (_, i) => row(i + 1)),
      source,
    );
    expect(full.periodText).toEqual({ messageCode: 'periodSumOf12', params: {} });
    expect(english(full.periodText!)).toBe(full.periodNote);
    expect(write(full.periodText!, zh, 'zh-CN')).toBe('12个月合计');
  });
});

describe("a pack's period note read as months", () => {
  it('codes the notes the built-in packs write, and gives them back in English exactly', () => {
    for (const note of ['Jan–Nov only', 'Jan–Sep only', 'Jan–Mar only', 'Jan–Mar, May only', 'Dec only']) {
      const text = periodTextOfNote(note);
      expect(text?.messageCode, note).toBe('periodPartial');
      expect(english(text!)).toBe(note);
    }
    expect(periodTextOfNote('Jan–Mar, May only')?.params).toEqual({ months: { months: [1, 2, 3, 5] } });
  });

  it('leaves any other wording as the source wrote it', () => {
    for (const note of [
      null,
      '',
      'Jan–Nov',
      'January–November only',
      'Nov–Jan only',
      'Jan–Mar, Feb only',
      'Jan–Feb–Mar only',
      'first half only',
      'Jan–Mar,May only',
    ])
      expect(periodTextOfNote(note), String(note)).toBeNull();
  });
});
