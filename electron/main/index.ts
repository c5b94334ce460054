/**
 * Host 1: the Electron main process. Thin by design: it opens the data core, binds the contract
 * to one IPC channel, shows one hardened window and the native menu. Everything else lives in
 * db/ and renderer/, which are tested outside Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { methodNames } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { openSession, type Session } from '../../db/session.ts';
import { pageSetupFrom, printRoute, printRouteForView, printTargetOf } from '../../db/print-options.ts';
import { restoreFromBackupDialog } from './backups.ts';
import { openDatabaseFile, openDatabaseFromDialog, recentDatabases, rememberDatabase, saveCopyAs, type DatabaseHolder } from './database-files.ts';
import { buildMenu } from './menu.ts';
import { pdfFileName, renderPdf } from './print.ts';
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

/** The app's one kind of window; 'print' returns it hidden and unloaded, for electron/main/print.ts. */
function createWindow(purpose: 'main' | 'print' = 'main'): BrowserWindow {
  // Electronegativity cannot follow the options into mainWindowOptions() (window-options.ts), which sets
  // contextIsolation, sandbox and disableBlinkFeatures: 'Auxclick'; tests/unit/electron-security.test.ts checks them.
  const win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs'), methodNames)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  if (purpose === 'print') return win;
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** The open database, as the File menu's database actions see it. */
const holder: DatabaseHolder = {
  current: () => session,
  replace: (next) => {
    session?.close();
    session = next;
    mainWindow?.webContents.reload();
  },
  recentChanged: () => installMenu(),
};

/**
 * File › Import…: a briefing pack is loaded at once (in one transaction, after a backup); a CSV or
 * spreadsheet opens in the Data view, which previews and validates it before anything is written.
 */
async function importFromDialog(): Promise<void> {
  if (!mainWindow || !session) return;
  const picked = await dialog.showOpenDialog(mainWindow, {
    title: 'Import',
    properties: ['openFile'],
    filters: [
      { name: 'Trade data or briefing pack', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const path = picked.filePaths[0];
  if (picked.canceled || !path) return;
  if (!path.toLowerCase().endsWith('.json')) {
    // The page gets a handle to the file, never its path.
    const picked = session.files.registerRead(path);
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html#/data?file=${picked.handle}`);
    return;
  }
  try {
    const result = await session.handlers.importPack({ file: session.files.registerRead(path).handle });
    mainWindow.webContents.reload();
    await dialog.showMessageBox(mainWindow, {
      type: 'info',
      message: result.changed ? `Imported briefing pack ${result.packId} ${result.version}.` : 'This pack was already loaded: nothing changed.',
    });
  } catch (error) {
    showError('Import failed: nothing was changed', error);
  }
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** File › Print to PDF…: the print route of what the main window shows, rendered hidden, saved where the user says. */
async function printToPdf(): Promise<void> {
  if (!mainWindow) return;
  const route = printRouteForView(new URL(mainWindow.webContents.getURL()).hash);
  if (!route) {
    await dialog.showMessageBox(mainWindow, { type: 'info', message: 'Nothing to print here.', detail: 'Open a briefing or a dashboard, then print it.' });
    return;
  }
  try {
    const setup = pageSetupFrom(Object.fromEntries(new URLSearchParams(route.split('?')[1] ?? '')));
    const { pdf, title } = await renderPdf(route, setup, { newWindow: () => createWindow('print'), today: localToday() });
    const target = await dialog.showSaveDialog(mainWindow, { title: 'Print to PDF', defaultPath: pdfFileName(title), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (target.canceled || !target.filePath) return;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(target.filePath, pdf);
    const choice = await dialog.showMessageBox(mainWindow, { type: 'info', message: `Saved “${title}” as a PDF.`, detail: target.filePath, buttons: ['Open', 'Close'], defaultId: 0, cancelId: 1 });
    if (choice.response === 0) {
      const problem = await shell.openPath(target.filePath);
      if (problem) showError('The PDF was saved but could not be opened', problem);
    }
  } catch (error) {
    showError('Printing failed: no PDF was written', error);
  }
}

/**
 * `--print <briefing id or dashboard> --out FILE.pdf [--paper A4|Letter] [--orientation portrait|landscape]`:
 * prints with no window shown and exits (0 when written, 1 with the reason on stderr otherwise).
 */
function printRequest(): { target: string; out: string; paper?: string; orientation?: string } | null {
  const args = process.argv.slice(1);
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    const inline = args.find((a) => a.startsWith(`${name}=`));
    return inline ? inline.slice(name.length + 1) : i >= 0 ? args[i + 1] : undefined;
  };
  const target = value('--print');
  if (target === undefined) return null;
  const out = value('--out') ?? '';
  const paper = value('--paper');
  const orientation = value('--orientation');
  return { target, out, ...(paper ? { paper } : {}), ...(orientation ? { orientation } : {}) };
}

const cliPrint = printRequest();

function installMenu(): void {
  const withWindow = (action: (win: BrowserWindow) => Promise<void>) => () => {
    if (mainWindow) void action(mainWindow);
  };
  Menu.setApplicationMenu(
    buildMenu(
      {
        openDatabase: withWindow((win) => openDatabaseFromDialog(win, holder)),
        openRecent: (path) => withWindow((win) => openDatabaseFile(win, holder, path))(),
        saveCopyAs: withWindow((win) => saveCopyAs(win, holder)),
        restoreBackup: () => {
          if (mainWindow && session) void restoreFromBackupDialog(mainWindow, session);
        },
        importFile: () => void importFromDialog(),
        printToPdf: () => void printToPdf(),
        about: () => void dialog.showMessageBox({ type: 'info', title: 'About Tradebrief', message: `Tradebrief ${app.getVersion()}`, detail: 'Offline trade briefings, every figure with its source.' }),
      },
      recentDatabases(),
      isDev,
    ),
  );
}

async function printFromCommandLine(request: { target: string; out: string; paper?: string; orientation?: string }): Promise<void> {
  if (!request.out) throw new Error('--print needs --out FILE.pdf');
  const setup = pageSetupFrom({ paper: request.paper, orientation: request.orientation });
  const route = printRoute(printTargetOf(request.target), setup);
  const { pdf, title } = await renderPdf(route, setup, { newWindow: () => createWindow('print'), today: localToday() });
  const { writeFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  await writeFile(resolve(request.out), pdf);
  process.stdout.write(`Printed “${title}” to ${resolve(request.out)} (${pdf.length} bytes)\n`);
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

  if (cliPrint) {
    printFromCommandLine(cliPrint).then(
      () => app.exit(0),
      (error: unknown) => {
        process.stderr.write(`Printing failed: ${error instanceof Error ? error.message : String(error)}\n`);
        app.exit(1);
      },
    );
    return;
  }

  rememberDatabase(databasePath());
  installMenu();
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}).catch((error: unknown) => showError('Tradebrief failed to start', error));

app.on('window-all-closed', () => {
  // A command-line print closes its hidden window before it writes the file; it exits by itself.
  if (cliPrint) return;
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => session?.close());
