/**
 * The File menu's backup dialogs (the backups themselves are db/backup.ts, tested outside Electron):
 * "Restore from Backup…" and, when Open Database… meets a file that cannot be opened, the offer to
 * restore that file's last backup into a new file beside it (the damaged file is never touched).
 */
import { dialog, type BrowserWindow } from 'electron';
import { basename, dirname, extname, join } from 'node:path';
import { backupsDir, copyBackupInto, latestBackup, listBackups } from '../../db/backup.ts';
import { dispatch } from '../../db/dispatch.ts';
import type { Session } from '../../db/session.ts';
import { errorTextIn } from './error-text.ts';
import { mainLanguage, words } from './messages.ts';

/** An error's text in main's language (the core's message from its code where it has one). */
const message = (error: unknown): string => errorTextIn(error, mainLanguage());

/** File › Restore from Backup…: pick one of the open database's backups; its content replaces the current one. */
export async function restoreFromBackupDialog(win: BrowserWindow, session: Session): Promise<void> {
  const backups = listBackups(session.path);
  if (backups.length === 0) {
    await dialog.showMessageBox(win, {
      type: 'info',
      message: words().noBackups,
      detail: words().backupsWhere(backupsDir(session.path)),
    });
    return;
  }
  const picked = await dialog.showOpenDialog(win, {
    title: words().restoreTitle,
    defaultPath: join(backupsDir(session.path), backups[0]!.file),
    properties: ['openFile'],
    filters: [{ name: words().filterBackup, extensions: ['sqlite'] }],
  });
  const file = picked.filePaths[0];
  if (picked.canceled || !file) return;
  // Only one of this database's own backups: the listing's entry, looked up by what the user chose.
  const chosen =
    (await realPath(dirname(file))) === (await realPath(backupsDir(session.path)))
      ? backups.find((b) => b.file === basename(file))
      : undefined;
  if (!chosen) {
    await dialog.showMessageBox(win, {
      type: 'info',
      message: words().notABackup(basename(file)),
      detail: words().chooseIn(backupsDir(session.path)),
    });
    return;
  }
  const confirm = await dialog.showMessageBox(win, {
    type: 'warning',
    message: words().replaceWithBackup(chosen.file),
    detail: words().replaceDetail,
    buttons: [words().restore, words().cancel],
    defaultId: 1,
    cancelId: 1,
  });
  if (confirm.response !== 0) return;
  const envelope = await dispatch(session.handlers, 'restoreBackup', { id: chosen.file });
  if (!envelope.ok) {
    dialog.showErrorBox(words().notRestored, message(envelope.error));
    return;
  }
  win.webContents.reload();
}

/**
 * Open Database… failed for `path`: says why and, if the file has backups, offers the last one.
 * Returns the path of a restored copy to open (beside the damaged file), or null.
 */
export async function offerLastBackup(win: BrowserWindow, path: string, error: unknown): Promise<string | null> {
  const last = latestBackup(path);
  const detail = `${message(error)}\n\n${words().nothingChanged}`;
  if (!last) {
    await dialog.showMessageBox(win, { type: 'error', message: words().cannotOpen, detail, buttons: [words().ok] });
    return null;
  }
  const choice = await dialog.showMessageBox(win, {
    type: 'error',
    message: words().cannotOpen,
    detail: `${detail}\n\n${words().lastBackup(basename(last))}`,
    buttons: [words().restoreLast, words().cancel],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice.response !== 0) return null;
  const stem = basename(path, extname(path));
  let target = join(dirname(path), `${stem}-restored${extname(path) || '.sqlite'}`);
  for (let i = 2; await exists(target); i++) target = join(dirname(path), `${stem}-restored-${i}${extname(path) || '.sqlite'}`);
  try {
    await copyBackupInto(last, target);
    return target;
  } catch (failure) {
    dialog.showErrorBox(words().couldNotRestore, message(failure));
    return null;
  }
}

async function realPath(path: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  return realpath(path).catch(() => path);
}

async function exists(path: string): Promise<boolean> {
  const { access } = await import('node:fs/promises');
  return access(path).then(
    () => true,
    () => false,
  );
}
