/**
 * Host 1: the Electron main process. Thin by design: it opens the data core, binds the contract
 * to one IPC channel, shows one hardened window and the native menu. Everything else lives in
 * db/ and renderer/, which are tested outside Electron.
 */
import { app, BrowserWindow, ipcMain, Menu, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupsDir } from '../../db/backup.ts';
import { methodNames, type Envelope } from '../../db/contract.ts';
import { bindContract, type ContractBinding } from '../../db/host-binding.ts';
import { cancelJobsOf } from '../../db/imports/jobs.ts';
import { localToday } from '../../db/common/dates.ts';
import { ApiError } from '../../db/common/errors.ts';
import { FILE_HANDLE_PATTERN, SAVE_KINDS, type OpenKind, type SaveKind } from '../../db/common/file-kinds.ts';
import { writeFileSafely } from '../../db/files/safe-write.ts';
import type { HostEvent } from '../../db/host-events.ts';
import { openSession, type Session } from '../../db/session.ts';
import { pageSetupFrom, printRoute, printRouteForView, printTargetOf } from '../../db/common/paper.ts';
import { restoreFromBackupDialog } from './backups.ts';
import {
  openDatabaseFile,
  openDatabaseFromDialog,
  recentDatabases,
  rememberDatabase,
  saveCopyAs,
  type DatabaseHolder,
} from './database-files.ts';
import { askOpenPath, askSavePath, initDialogs, showError, showMessage } from './file-dialogs.ts';
import { checkDroppedFile, fileToOpen, isOpenKind, openKindOf, userDataDirArgument } from './file-arguments.ts';
import { buildMenu } from './menu.ts';
import { errorTextIn } from './error-text.ts';
import { mainLanguage, setMainLanguage, words, type MainText } from './messages.ts';
import { matchLanguage, type Language } from '../../db/common/languages.ts';
import { languageFromPage, windowsToTell } from './page-language.ts';
import { pdfFileName, renderPdf } from './print.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { hardenContents, isAppUrl } from './security.ts';
import {
  APP_ORIGIN,
  DROP_FILE_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  LANGUAGE_CHANNEL,
  LANGUAGE_CHOSEN_CHANNEL,
  mainWindowOptions,
  OPEN_FILE_CHANNEL,
  RELEASE_FILE_CHANNEL,
  SAVE_FILE_CHANNEL,
} from './window-options.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const isDev = !app.isPackaged && process.env['NODE_ENV'] === 'development';

let session: Session | undefined;
/** The session's contract as the page calls it: each call runs as its window's, and a write tells every window. */
let binding: ContractBinding | undefined;
let mainWindow: BrowserWindow | undefined;
/** Each window's name for the core (webContents id → client id), made here and given to its preload. */
const clientOf = new Map<number, string>();

// A packaged app must never take its dialogs' answers from the environment (test-dialogs.ts).
const dialogs = initDialogs();
if (dialogs.mode === 'refused') {
  process.stderr.write(`${dialogs.message}\n`);
  app.exit(1);
}

// Before anything reads it: the single-instance lock and the database live in this folder.
const userDataArg = userDataDirArgument(process.argv.slice(1), process.cwd());
if (userDataArg) app.setPath('userData', userDataArg);

registerAppScheme();
hardenContents();

function databasePath(): string {
  return join(app.getPath('userData'), 'tradebrief.sqlite');
}

/** The app's one kind of window; 'print' returns it hidden and unloaded, for electron/main/print.ts. */
function createWindow(purpose: 'main' | 'print' = 'main'): BrowserWindow {
  // Electronegativity cannot follow the options into mainWindowOptions() (window-options.ts), which sets
  // contextIsolation, sandbox and disableBlinkFeatures: 'Auxclick'; tests/unit/electron-security.test.ts checks them.
  const clientId = randomUUID();
  const win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs'), methodNames, clientId)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  const contentsId = win.webContents.id;
  clientOf.set(contentsId, clientId);
  // A closed window's previews and imports stop: nobody would see them end.
  win.webContents.once('destroyed', () => {
    clientOf.delete(contentsId);
    cancelJobsOf(clientId);
  });
  if (purpose === 'print') return win;
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** The session's events go to every window showing the app (a second window sees an import's result). */
function sendToAppWindows(event: HostEvent): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(EVENT_CHANNEL, event);
  }
}

/** Every window showing the app but `chooser` (the one the choice was made in) shows `language` too. */
function tellWindowsLanguage(language: Language, chooser?: WebContents): void {
  const shown = BrowserWindow.getAllWindows().map((win) => ({
    contents: win.webContents,
    destroyed: win.isDestroyed(),
    url: win.isDestroyed() ? '' : win.webContents.getURL(),
  }));
  for (const contents of windowsToTell(shown, chooser)) contents.send(LANGUAGE_CHOSEN_CHANNEL, language);
}

/** Makes `next` the open session and forwards its events (closing a session drops its listeners). */
function useSession(next: Session): void {
  session = next;
  binding = bindContract(next);
  next.onEvent(sendToAppWindows);
}

/** The open database, as the File menu's database actions see it. */
const holder: DatabaseHolder = {
  current: () => session,
  replace: (next) => {
    session?.close();
    useSession(next);
    mainWindow?.webContents.reload();
  },
  recentChanged: () => installMenu(),
};

function guardOf(current: Session): { databasePath: string; backupsDir: string } {
  return { databasePath: current.path, backupsDir: backupsDir(current.path) };
}

/**
 * Opens a file the user chose (File › Import…, a second launch given a file): a briefing pack is
 * loaded at once (in one transaction, after a backup); trade data opens in the Data view, which
 * previews and validates it before anything is written. The page gets a handle, never the path.
 */
async function openChosenFile(path: string, kind: OpenKind): Promise<void> {
  if (!mainWindow || !session) return;
  const win = mainWindow;
  try {
    const picked = session.files.registerRead(path);
    if (kind === 'trade-data') {
      await win.loadURL(`${APP_ORIGIN}/index.html#/data?file=${picked.handle}&name=${encodeURIComponent(picked.name)}`);
      return;
    }
    const result = await session.handlers.importPack({ file: picked.handle });
    win.webContents.reload();
    await showMessage(win, {
      type: 'info',
      message: result.changed ? words().importedPack(result.packId, result.version) : words().packUnchanged,
    });
  } catch (error) {
    showError(words().importFailed, error);
  }
}

/** File › Import…: trade data or a briefing pack, told apart by the file's extension. */
async function importFromDialog(): Promise<void> {
  if (!mainWindow) return;
  let path: string | null;
  try {
    path = await askOpenPath(mainWindow, words().importTitle, ['trade-data', 'pack']);
  } catch (error) {
    showError(words().importTitle, error);
    return;
  }
  if (path) await openChosenFile(path, openKindOf(path) ?? 'trade-data');
}

/** File › Print to PDF…: the print route of what the main window shows, rendered hidden, saved where the user says. */
async function printToPdf(): Promise<void> {
  if (!mainWindow || !session) return;
  const win = mainWindow;
  const current = session;
  const route = printRouteForView(new URL(win.webContents.getURL()).hash);
  if (!route) {
    await showMessage(win, { type: 'info', message: words().nothingToPrint, detail: words().nothingToPrintDetail });
    return;
  }
  try {
    const setup = pageSetupFrom(Object.fromEntries(new URLSearchParams(route.split('?')[1] ?? '')));
    const { pdf, title } = await renderPdf(route, setup, { newWindow: () => createWindow('print'), today: localToday() });
    const target = await askSavePath(win, words().printTitle, 'pdf', pdfFileName(title));
    if (!target) return;
    await writeFileSafely(target, guardOf(current), (temp) => writeFile(temp, pdf));
    const choice = await showMessage(win, {
      type: 'info',
      message: words().savedPdf(title),
      detail: target,
      buttons: [words().open, words().close],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice === 0) {
      const problem = await shell.openPath(target);
      if (problem) showError(words().pdfNotOpened, problem);
    }
  } catch (error) {
    showError(words().printFailed, error);
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
        about: () =>
          void showMessage(undefined, {
            type: 'info',
            title: words().aboutTitle,
            message: `Tradebrief ${app.getVersion()}`,
            detail: words().aboutDetail,
          }),
        chooseLanguage: (language) => {
          setMainLanguage(language);
          installMenu();
          tellWindowsLanguage(language);
        },
      },
      recentDatabases(),
      isDev,
      mainLanguage(),
    ),
  );
}

async function printFromCommandLine(request: { target: string; out: string; paper?: string; orientation?: string }): Promise<void> {
  if (!request.out) throw new Error('--print needs --out FILE.pdf');
  const setup = pageSetupFrom({ paper: request.paper, orientation: request.orientation });
  const route = printRoute(printTargetOf(request.target), setup);
  const { pdf, title } = await renderPdf(route, setup, { newWindow: () => createWindow('print'), today: localToday() });
  const out = resolve(request.out);
  await writeFileSafely(out, guardOf(session!), (temp) => writeFile(temp, pdf));
  process.stdout.write(`${words().printed(title, out, String(pdf.length))}\n`);
}

/** Only the app's own page, in its main frame, may talk to main. */
function fromAppPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

const REFUSED: Envelope<never> = { ok: false, error: { code: 'internal', message: 'Request refused: unknown sender.' } };

/**
 * Binds one IPC channel whose handler needs the open session and the sender's window; the sender is
 * checked first, and the handler's result or error comes back as an envelope (an error thrown across
 * IPC would lose its code).
 */
function handleFromApp(channel: string, handler: (win: BrowserWindow, current: Session, ...args: unknown[]) => Promise<unknown>): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Envelope<unknown>> => {
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!fromAppPage(event) || !session || !win) return REFUSED;
    try {
      return { ok: true, data: await handler(win, session, ...args) };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
      return {
        ok: false,
        error: { code: 'internal', message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
  });
}

/** The Open and Save dialogs' titles the page asks for, in main's current language. */
const OPEN_TITLES: Record<OpenKind, MainText> = { 'trade-data': 'openTradeDataTitle', pack: 'openPackTitle' };
const SAVE_TITLES: Record<SaveKind, MainText> = {
  csv: 'saveCsvTitle',
  xlsx: 'saveXlsxTitle',
  zip: 'saveZipTitle',
  pack: 'savePackTitle',
  pdf: 'printTitle',
  database: 'saveCopyTitle',
  png: 'savePngTitle',
};
const titleOf = (key: MainText): string => words()[key];

function bindIpc(): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!fromAppPage(event) || !binding) return REFUSED;
    return binding.call(method, input, clientOf.get(event.sender.id) ?? '');
  });
  handleFromApp(OPEN_FILE_CHANNEL, async (win, current, kind) => {
    if (!isOpenKind(kind)) throw new ApiError('invalid-input', 'Unknown kind of file to open.');
    const path = await askOpenPath(win, titleOf(OPEN_TITLES[kind]), [kind]);
    return path ? current.files.registerRead(path) : null;
  });
  handleFromApp(SAVE_FILE_CHANNEL, async (win, current, kind, suggestedName) => {
    if (typeof kind !== 'string' || !Object.hasOwn(SAVE_KINDS, kind)) throw new ApiError('invalid-input', 'Unknown kind of file to save.');
    const name = typeof suggestedName === 'string' ? suggestedName.slice(0, 200) : '';
    const path = await askSavePath(win, titleOf(SAVE_TITLES[kind as SaveKind]), kind as SaveKind, name);
    return path ? current.files.registerWrite(path) : null;
  });
  handleFromApp(RELEASE_FILE_CHANNEL, async (_win, current, handle) => {
    if (typeof handle !== 'string' || !FILE_HANDLE_PATTERN.test(handle)) throw new ApiError('invalid-input', 'Not a file handle.');
    current.files.release(handle);
    return null;
  });
  handleFromApp(DROP_FILE_CHANNEL, async (_win, current, path, kind) => {
    if (!isOpenKind(kind)) throw new ApiError('invalid-input', 'Unknown kind of file to open.');
    return current.files.registerRead(checkDroppedFile(path, kind));
  });
  // Needs no session: the menu follows the page's language even while no database is open.
  ipcMain.handle(LANGUAGE_CHANNEL, (event, language: unknown): Envelope<null> => {
    if (!fromAppPage(event)) return REFUSED;
    const chosen = languageFromPage(language);
    if (!chosen.ok) return chosen;
    if (chosen.data !== mainLanguage()) {
      setMainLanguage(chosen.data);
      installMenu();
      // The other windows follow (each tells main again, which is then no change: nothing more is sent).
      tellWindowsLanguage(chosen.data, event.sender);
    }
    return { ok: true, data: null };
  });
}

/** A file the app was launched with (`tradebrief data.csv`, or the OS opening a pack with it). */
const launchFile = cliPrint ? null : fileToOpen(process.argv.slice(1), process.cwd());

/**
 * One app per user-data folder: a second launch hands its file to the first one and quits. A
 * command-line print is its own short-lived process and takes no lock.
 */
const firstInstance = dialogs.mode === 'refused' || cliPrint !== null || app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

app.on('second-instance', (_event, argv, workingDirectory) => {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  const given = fileToOpen(argv.slice(1), workingDirectory);
  if (given) void openChosenFile(given.path, given.kind);
});

if (firstInstance && dialogs.mode !== 'refused') {
  app
    .whenReady()
    .then(() => {
      setMainLanguage(matchLanguage(app.getPreferredSystemLanguages()));
      serveRenderer(join(here, '../renderer'));
      try {
        useSession(openSession({ path: databasePath() }));
      } catch (error) {
        showError(words().ownDatabaseUnopenable, error);
        app.quit();
        return;
      }
      bindIpc();

      if (cliPrint) {
        printFromCommandLine(cliPrint).then(
          () => app.exit(0),
          (error: unknown) => {
            process.stderr.write(`${words().printingFailed(errorTextIn(error, mainLanguage()))}\n`);
            app.exit(1);
          },
        );
        return;
      }

      rememberDatabase(databasePath());
      installMenu();
      const win = createWindow();
      mainWindow = win;
      if (launchFile) win.webContents.once('did-finish-load', () => void openChosenFile(launchFile.path, launchFile.kind));
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
      });
    })
    .catch((error: unknown) => showError(words().failedToStart, error));
}

app.on('window-all-closed', () => {
  // A command-line print closes its hidden window before it writes the file; it exits by itself.
  if (cliPrint) return;
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => session?.close());
