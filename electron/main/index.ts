/**
 * Host 1: the Electron main process. Thin by design: it opens the data core, binds the contract
 * to one IPC channel, shows one hardened window and the native menu. Everything else lives in
 * db/ and renderer/, which are tested outside Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { methodNames } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { readPackFile, loadPack } from '../../db/packs/load.ts';
import { openSession, type Session } from '../../db/session.ts';
import { buildMenu } from './menu.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { hardenContents, isAppUrl } from './security.ts';
import { APP_ORIGIN, INVOKE_CHANNEL, mainWindowOptions } from './window-options.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const isDev = !app.isPackaged && process.env['NODE_ENV'] === 'development';

let session: Session | undefined;
let mainWindow: BrowserWindow | undefined;

registerAppScheme();
hardenContents();

function databasePath(): string {
  return join(app.getPath('userData'), 'tradebrief.sqlite');
}

function showError(title: string, error: unknown): void {
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs'), methodNames));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function openDatabaseFromDialog(): Promise<void> {
  if (!mainWindow) return;
  const picked = await dialog.showOpenDialog(mainWindow, {
    title: 'Open Tradebrief database',
    properties: ['openFile'],
    filters: [{ name: 'Tradebrief database', extensions: ['sqlite', 'db'] }, { name: 'All files', extensions: ['*'] }],
  });
  const path = picked.filePaths[0];
  if (picked.canceled || !path) return;
  try {
    const next = openSession({ path });
    session?.close();
    session = next;
    mainWindow.webContents.reload();
  } catch (error) {
    // The current database stays open and untouched.
    showError('This file cannot be opened', error);
  }
}

async function importFromDialog(): Promise<void> {
  if (!mainWindow || !session) return;
  const picked = await dialog.showOpenDialog(mainWindow, {
    title: 'Import a briefing pack',
    properties: ['openFile'],
    filters: [{ name: 'Briefing pack', extensions: ['json'] }],
  });
  const path = picked.filePaths[0];
  if (picked.canceled || !path) return;
  try {
    const { pack } = readPackFile(path);
    const result = loadPack(session.db, pack);
    mainWindow.webContents.reload();
    await dialog.showMessageBox(mainWindow, {
      type: 'info',
      message: result.changed ? `Imported “${pack.title}”.` : `“${pack.title}” was already loaded: nothing changed.`,
    });
  } catch (error) {
    showError('Import failed: nothing was changed', error);
  }
}

async function printToPdf(): Promise<void> {
  if (!mainWindow) return;
  const target = await dialog.showSaveDialog(mainWindow, { title: 'Print to PDF', defaultPath: 'briefing.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (target.canceled || !target.filePath) return;
  try {
    const pdf = await mainWindow.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(target.filePath, pdf);
  } catch (error) {
    showError('Printing failed', error);
  }
}

app.whenReady().then(() => {
  serveRenderer(join(here, '../renderer'));
  try {
    session = openSession({ path: databasePath() });
  } catch (error) {
    showError('Tradebrief cannot open its database', error);
    app.quit();
    return;
  }

  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    // Only the app's own page, in its main frame, may call the data core.
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url) || !session) {
      return { ok: false, error: { code: 'internal', message: 'Request refused: unknown sender.' } };
    }
    return dispatch(session.handlers, method, input);
  });

  Menu.setApplicationMenu(
    buildMenu(
      {
        openDatabase: () => void openDatabaseFromDialog(),
        importFile: () => void importFromDialog(),
        printToPdf: () => void printToPdf(),
        about: () => void dialog.showMessageBox({ type: 'info', title: 'About Tradebrief', message: `Tradebrief ${app.getVersion()}`, detail: 'Offline trade briefings, every figure with its source.' }),
      },
      isDev,
    ),
  );
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}).catch((error: unknown) => showError('Tradebrief failed to start', error));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => session?.close());
