/**
 * File menu work on database files: open another file, open a recent one, save a copy. A file that
 * cannot be opened changes nothing: the current database stays open and the file untouched, and its
 * last backup is offered when there is one.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { openSession, type Session } from '../../db/session.ts';
import { offerLastBackup } from './backups.ts';
import { askSavePath, showError, showMessage } from './file-dialogs.ts';
import { words } from './messages.ts';
import { forgetRecent, readRecent, rememberRecent } from './recent-files.ts';

export interface DatabaseHolder {
  current(): Session | undefined;
  /** Replaces the open session (closing the old one) and reloads the window. */
  replace(next: Session): void;
  /** Called when the recent list changed, to rebuild the menu. */
  recentChanged(): void;
}

const recentList = (): string => join(app.getPath('userData'), 'recent-databases.json');

export function recentDatabases(): string[] {
  return readRecent(recentList());
}

export function rememberDatabase(path: string): void {
  rememberRecent(recentList(), path);
}

export async function openDatabaseFile(win: BrowserWindow, holder: DatabaseHolder, path: string): Promise<void> {
  try {
    holder.replace(openSession({ path }));
    rememberRecent(recentList(), path);
    holder.recentChanged();
  } catch (error) {
    const recovered = await offerLastBackup(win, path, error);
    if (!recovered) {
      forgetRecent(recentList(), path);
      holder.recentChanged();
      return;
    }
    try {
      holder.replace(openSession({ path: recovered }));
      rememberRecent(recentList(), recovered);
      holder.recentChanged();
    } catch (again) {
      showError(words().restoredUnopenable, again);
    }
  }
}

export async function openDatabaseFromDialog(win: BrowserWindow, holder: DatabaseHolder): Promise<void> {
  const picked = await dialog.showOpenDialog(win, {
    title: words().openDatabaseTitle,
    properties: ['openFile'],
    filters: [
      { name: words().filterDatabase, extensions: ['sqlite', 'db'] },
      { name: words().filterAllFiles, extensions: ['*'] },
    ],
  });
  const path = picked.filePaths[0];
  if (!picked.canceled && path) await openDatabaseFile(win, holder, path);
}

/** File › Save a Copy As…: SQLite's online backup of the open database into a new file. */
export async function saveCopyAs(win: BrowserWindow, holder: DatabaseHolder): Promise<void> {
  const session = holder.current();
  if (!session) return;
  // The save dialog asks before replacing an existing file; the core refuses the open database itself.
  let path: string | null;
  try {
    path = await askSavePath(win, words().saveCopyTitle, 'database', 'tradebrief-copy');
    if (!path) return;
    await session.handlers.saveCopyAs({ target: session.files.registerWrite(path).handle });
  } catch (error) {
    showError(words().copyNotSaved, error);
    return;
  }
  await showMessage(win, { type: 'info', message: words().copySaved, detail: path });
}
