import type { MenuItemConstructorOptions } from 'electron';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../db/common/languages.ts';
import { MAIN_MESSAGES } from './messages.ts';

export interface MenuActions {
  openDatabase(): void;
  openRecent(path: string): void;
  saveCopyAs(): void;
  restoreBackup(): void;
  importFile(): void;
  printToPdf(): void;
  about(): void;
  /** View › Language: the page switches to it (and main redraws this menu in it). */
  chooseLanguage(language: Language): void;
}

/** What the menu depends on besides its actions: kept apart so a test can build the template without Electron. */
export interface MenuSetting {
  recent: readonly string[];
  isDev: boolean;
  language: Language;
  appName: string;
  platform: NodeJS.Platform;
}

/** The application menu's template in `language` (menu.ts hands it to Electron). */
export function menuTemplate(
  actions: MenuActions,
  { recent, isDev, language, appName, platform }: MenuSetting,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const m = MAIN_MESSAGES[language];
  const view: MenuItemConstructorOptions[] = [
    {
      label: m.language,
      // Each language named in itself, so it can be found whatever the menu's language.
      submenu: LANGUAGES.map((l) => ({
        label: LANGUAGE_NAMES[l],
        type: 'radio' as const,
        checked: l === language,
        click: () => actions.chooseLanguage(l),
      })),
    },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (isDev) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: m.file,
      submenu: [
        { label: m.openDatabase, accelerator: 'CmdOrCtrl+O', click: () => actions.openDatabase() },
        {
          label: m.openRecent,
          submenu:
            recent.length > 0
              ? recent.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
              : [{ label: m.noRecent, enabled: false }],
        },
        { label: m.saveCopyAs, accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveCopyAs() },
        { label: m.restoreBackup, click: () => actions.restoreBackup() },
        { label: m.importFile, accelerator: 'CmdOrCtrl+I', click: () => actions.importFile() },
        { type: 'separator' },
        { label: m.printToPdf, accelerator: 'CmdOrCtrl+P', click: () => actions.printToPdf() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: m.view, submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: m.about(appName), click: () => actions.about() }] },
  ];
  return template;
}
