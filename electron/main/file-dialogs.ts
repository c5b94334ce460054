/**
 * The native Open and Save dialogs, with the filters and names of db/common/file-kinds.ts, and the one
 * place that decides whether they are shown or answered by a test (test-dialogs.ts). Message and
 * error boxes go through here too: under test they are written to stdout/stderr, never shown, so a
 * test cannot hang on a box nobody sees.
 */
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { dirname, join } from 'node:path';
import { ApiError } from '../../db/common/errors.ts';
import type { OpenKind, SaveKind } from '../../db/common/file-kinds.ts';
import { defaultSaveName, openFilters, saveFilters } from './dialog-filters.ts';
import { errorTextIn } from './error-text.ts';
import { mainLanguage, words } from './messages.ts';
import { dialogMode, takeAnswer, type DialogMode } from './test-dialogs.ts';

let mode: DialogMode = { mode: 'native' };

/** Reads the environment once at start; a packaged app with test answers set gets the refusal back. */
export function initDialogs(): DialogMode {
  mode = dialogMode(process.env, app.isPackaged);
  return mode;
}

/** The folder the user last chose a file in, so the next dialog opens there (Documents at first). */
let lastFolder: string | undefined;
function startFolder(): string {
  return lastFolder ?? app.getPath('documents');
}

/** Windows with a file dialog open: a page asking again meanwhile is refused, not given a stack of dialogs. */
const asking = new WeakSet<BrowserWindow>();

async function oneAtATime(win: BrowserWindow, ask: () => Promise<string | null>): Promise<string | null> {
  if (asking.has(win)) throw new ApiError('conflict', 'A file dialog is already open: finish with it first.');
  asking.add(win);
  try {
    const path = await ask();
    if (path) lastFolder = dirname(path);
    return path;
  } finally {
    asking.delete(win);
  }
}

/** Asks for one file to read of the given kinds; null when cancelled. */
export function askOpenPath(win: BrowserWindow, title: string, kinds: readonly OpenKind[]): Promise<string | null> {
  return oneAtATime(win, async () => {
    if (mode.mode === 'scripted') return takeAnswer(mode.file, title);
    const picked = await dialog.showOpenDialog(win, {
      title,
      defaultPath: startFolder(),
      properties: ['openFile'],
      filters: openFilters(kinds, words()),
    });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
}

/**
 * Asks where to save a file of `kind`, suggesting `name` (made safe and given the kind's extension);
 * null when cancelled. The native dialog asks before replacing a file.
 */
export function askSavePath(win: BrowserWindow, title: string, kind: SaveKind, name: string): Promise<string | null> {
  return oneAtATime(win, async () => {
    if (mode.mode === 'scripted') return takeAnswer(mode.file, title);
    const picked = await dialog.showSaveDialog(win, {
      title,
      defaultPath: join(startFolder(), defaultSaveName(name, kind)),
      filters: saveFilters(kind, words()),
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    return picked.canceled || !picked.filePath ? null : picked.filePath;
  });
}

/** A message box; under test it is printed and answered with its cancel button. */
export async function showMessage(win: BrowserWindow | undefined, options: MessageBoxOptions): Promise<number> {
  if (mode.mode === 'scripted') {
    process.stdout.write(`[dialog] ${options.message}${options.detail ? ` — ${options.detail}` : ''}\n`);
    return options.cancelId ?? 0;
  }
  const result = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return result.response;
}

/** An error box; under test it is printed to stderr. */
export function showError(title: string, error: unknown): void {
  const text = errorTextIn(error, mainLanguage());
  if (mode.mode === 'scripted') {
    process.stderr.write(`[error] ${title}: ${text}\n`);
    return;
  }
  dialog.showErrorBox(title, text);
}
