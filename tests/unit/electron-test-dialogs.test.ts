/**
 * The test-only dialog answers of the Electron main process (electron/main/test-dialogs.ts): when they
 * are used, when a packaged app refuses to start, and how the answer queue is read. Real files in a
 * temp folder; no Electron needed (the module imports none).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dialogMode, takeAnswer, TEST_DIALOGS_ENV } from '../../electron/main/test-dialogs.ts';
import { tempDir } from '../support/temp.ts';

describe('dialogMode', () => {
  it('shows native dialogs when the variable is unset or empty, packaged or not', () => {
    for (const isPackaged of [true, false]) {
      expect(dialogMode({}, isPackaged)).toEqual({ mode: 'native' });
      expect(dialogMode({ [TEST_DIALOGS_ENV]: '' }, isPackaged)).toEqual({ mode: 'native' });
    }
  });

  it('answers from the file in a development build', () => {
    expect(dialogMode({ [TEST_DIALOGS_ENV]: '/tmp/answers.json' }, false)).toEqual({ mode: 'scripted', file: '/tmp/answers.json' });
  });

  it('refuses to start a packaged app that has the variable set, saying why', () => {
    const decision = dialogMode({ [TEST_DIALOGS_ENV]: '/tmp/answers.json' }, true);
    expect(decision.mode).toBe('refused');
    expect(decision.mode === 'refused' && decision.message).toMatch(/will not start: TRADEBRIEF_E2E_DIALOGS is set/);
  });

  it('refuses a relative answers file (it would depend on the folder the app was started from)', () => {
    expect(dialogMode({ [TEST_DIALOGS_ENV]: 'answers.json' }, false).mode).toBe('refused');
  });
});

describe('takeAnswer', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('takes the answers in order, a null being Cancel, and leaves the rest in the file', () => {
    const queue = tmp.file('answers.json');
    writeFileSync(queue, JSON.stringify(['/data/trade.csv', null, '/out/export.csv']));
    expect(takeAnswer(queue, 'Import')).toBe('/data/trade.csv');
    expect(JSON.parse(readFileSync(queue, 'utf8'))).toEqual([null, '/out/export.csv']);
    expect(takeAnswer(queue, 'Export')).toBeNull();
    expect(takeAnswer(queue, 'Export')).toBe('/out/export.csv');
    expect(() => takeAnswer(queue, 'Print to PDF')).toThrow(/No test answer left for the dialog "Print to PDF"/);
  });

  it('names the dialog and the file when the queue is missing or malformed, and changes nothing', () => {
    expect(() => takeAnswer(tmp.file('missing.json'), 'Import')).toThrow(/"Import".*cannot be read as JSON/);
    const queue = tmp.file('bad.json');
    for (const content of ['{"open": []}', '["relative/path.csv"]', '[42]']) {
      writeFileSync(queue, content);
      expect(() => takeAnswer(queue, 'Import')).toThrow(/must hold a JSON array of absolute paths and nulls/);
      expect(readFileSync(queue, 'utf8')).toBe(content);
    }
  });
});
