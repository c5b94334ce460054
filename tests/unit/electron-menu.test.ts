/**
 * The desktop app's menu as far as it runs without Electron's binary: its template in each language, and the check
 * of the page's "the interface is now in X" before main redraws the menu in X (electron/main/page-language.ts).
 * Electron itself (Menu.buildFromTemplate, the IPC channel) is not run here.
 */
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../db/common/languages.ts';
import { menuTemplate, type MenuActions } from '../../electron/main/menu-template.ts';
import { MAIN_MESSAGES } from '../../electron/main/messages.ts';
import { languageFromPage, windowsToTell } from '../../electron/main/page-language.ts';
import { CHOSEN_LANGUAGES, isChosenLanguage } from '../../electron/main/window-options.ts';

function actions(chosen: Language[] = []): MenuActions {
  const nothing = (): void => undefined;
  return {
    openDatabase: nothing,
    openRecent: nothing,
    saveCopyAs: nothing,
    restoreBackup: nothing,
    importFile: nothing,
    printToPdf: nothing,
    about: nothing,
    chooseLanguage: (l) => chosen.push(l),
  };
}

const template = (language: Language, chosen: Language[] = [], platform: NodeJS.Platform = 'linux') =>
  menuTemplate(actions(chosen), { recent: [], isDev: false, language, appName: 'Tradebrief', platform });

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(item?.submenu) ? item.submenu : [];

/** The labels main wrote (Electron labels the roles itself), depth first. */
const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.label !== undefined && i.role === undefined ? [i.label] : []), ...labels(submenu(i))]);

describe('the application menu, per language', () => {
  it('is labelled in the language it is built in', () => {
    for (const language of LANGUAGES) {
      const m = MAIN_MESSAGES[language];
      const items = template(language);
      expect(items.map((i) => i.label ?? i.role)).toEqual([m.file, 'editMenu', m.view, 'windowMenu', 'help']);
      expect(labels(submenu(items[0]))).toEqual([
        m.openDatabase,
        m.openRecent,
        m.noRecent,
        m.saveCopyAs,
        m.restoreBackup,
        m.importFile,
        m.printToPdf,
      ]);
      expect(submenu(items[2])[0]?.label).toBe(m.language);
      expect(submenu(items[4])[0]?.label).toBe(m.about('Tradebrief'));
    }
    // Korean and Chinese are not English.
    expect(labels(template('ko'))).not.toEqual(labels(template('en')));
    expect(labels(template('zh'))).toContain('文件(&F)');
    expect(labels(template('ko'))).toContain(MAIN_MESSAGES.ko.file);
  });

  it('lists every language named in itself, the current one checked, and a click chooses it', () => {
    for (const language of LANGUAGES) {
      const chosen: Language[] = [];
      const choices = submenu(submenu(template(language, chosen)[2])[0]);
      expect(choices.map((c) => c.label)).toEqual(LANGUAGES.map((l) => LANGUAGE_NAMES[l]));
      expect(choices.filter((c) => c.checked).map((c) => c.label)).toEqual([LANGUAGE_NAMES[language]]);
      for (const c of choices) (c.click as () => void)();
      expect(chosen).toEqual([...LANGUAGES]);
    }
  });

  it('adds the app menu on macOS only', () => {
    expect(template('ko', [], 'darwin')[0]?.role).toBe('appMenu');
    expect(template('ko', [], 'win32')[0]?.label).toBe(MAIN_MESSAGES.ko.file);
  });
});

describe("the page's language, as main takes it", () => {
  it('takes each language of the interface by its code', () => {
    for (const language of LANGUAGES) expect(languageFromPage(language)).toEqual({ ok: true, data: language });
  });

  it('refuses anything else, naming what it was given', () => {
    for (const bad of [
      'en-XA',
      'EN',
      'ko-KR',
      'fr',
      '',
      ' ko',
      'zh\u0000',
      null,
      undefined,
      3,
      ['ko'],
      { language: 'ko' },
      'x'.repeat(10_000),
    ]) {
      const answer = languageFromPage(bad);
      expect(answer.ok, String(bad)).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('invalid-input');
        expect(answer.error.message).toMatch(/^Not a language of the interface: .* \(known: en, ko, zh\)\.$/);
        // What it repeats of the value is short.
        expect(answer.error.message.length).toBeLessThan(100);
      }
    }
    expect(languageFromPage('fr')).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Not a language of the interface: "fr" (known: en, ko, zh).' },
    });
  });
});

describe('a language chosen in one window, told to the others', () => {
  const app = (contents: string, destroyed = false) => ({ contents, url: 'app://tradebrief/index.html#/trade', destroyed });

  it('tells every live window showing the app but the one it was chosen in', () => {
    const windows = [app('a'), app('b'), app('print'), app('c')];
    expect(windowsToTell(windows, 'b')).toEqual(['a', 'print', 'c']);
  });

  it('tells them all when it was chosen in the menu', () => {
    expect(windowsToTell([app('a'), app('b')])).toEqual(['a', 'b']);
  });

  it('the preload takes the interface’s languages, and only those, from main', () => {
    expect(CHOSEN_LANGUAGES).toEqual(LANGUAGES);
    for (const language of LANGUAGES) expect(isChosenLanguage(language)).toBe(true);
    for (const bad of ['en-XA', 'EN', 'ko-KR', '', null, undefined, 0, ['ko'], { language: 'ko' }])
      expect(isChosenLanguage(bad)).toBe(false);
  });

  it('never tells a closed window, or one showing anything but the app', () => {
    const windows = [
      app('closed', true),
      { contents: 'web', url: 'https://tradebrief.example/index.html', destroyed: false },
      { contents: 'lookalike', url: 'app://tradebrief.evil/index.html', destroyed: false },
      { contents: 'file', url: 'file:///tmp/index.html', destroyed: false },
      { contents: 'blank', url: '', destroyed: false },
      app('open'),
    ];
    expect(windowsToTell(windows, 'chooser')).toEqual(['open']);
  });
});
