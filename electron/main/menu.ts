import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDatabase(): void;
  openRecent(path: string): void;
  saveCopyAs(): void;
  restoreBackup(): void;
  importFile(): void;
  printToPdf(): void;
  about(): void;
}

export function buildMenu(actions: MenuActions, recent: readonly string[], isDev: boolean): Menu {
  const isMac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
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
      label: '&File',
      submenu: [
        { label: 'Open Database…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDatabase() },
        {
          label: 'Open Recent',
          submenu:
            recent.length > 0
              ? recent.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
              : [{ label: 'No recent databases', enabled: false }],
        },
        { label: 'Save a Copy As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveCopyAs() },
        { label: 'Restore from Backup…', click: () => actions.restoreBackup() },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFile() },
        { type: 'separator' },
        { label: 'Print to PDF…', accelerator: 'CmdOrCtrl+P', click: () => actions.printToPdf() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `About ${app.name}`, click: () => actions.about() }] },
  ];
  return Menu.buildFromTemplate(template);
}
