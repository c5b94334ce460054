import { app, Menu } from 'electron';
import type { Language } from '../../db/common/languages.ts';
import { menuTemplate, type MenuActions } from './menu-template.ts';

export type { MenuActions };

export function buildMenu(actions: MenuActions, recent: readonly string[], isDev: boolean, language: Language = 'en'): Menu {
  return Menu.buildFromTemplate(menuTemplate(actions, { recent, isDev, language, appName: app.name, platform: process.platform }));
}
