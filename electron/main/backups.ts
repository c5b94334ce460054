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

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** File › Restore from Backup…: pick one of the open database's backups; its content replaces the current one. */
export async function restoreFromBackupDialog(win: BrowserWindow, session: Session): Promise<void> {
  const backups = listBackups(session.path);
  if (backups.length === 0) {
    await dialog.showMessageBox(win, {
      type: 'info',
      message: 'This database has no backups yet.',
      detail: `Backups are made before each upgrade and each import, in ${backupsDir(session.path)}.`,
    });
    return;
  }
  const picked = await dialog.showOpenDialog(win, {
    title: 'Restore from backup',
    defaultPath: join(backupsDir(session.path), backups[0]!.file),
    properties: ['openFile'],
    filters: [{ name: 'Tradebrief backup', extensions: ['sqlite'] }],
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
      message: `“${basename(file)}” is not one of this database's backups.`,
      detail: `Choose a file in ${backupsDir(session.path)}.`,
    });
    return;
  }
  const confirm = await dialog.showMessageBox(win, {
    type: 'warning',
    message: `Replace the open database with the backup “${chosen.file}”?`,
    detail: 'The current content is backed up first, so this can be undone the same way.',
    buttons: ['Restore', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  });
  if (confirm.response !== 0) return;
  const envelope = await dispatch(session.handlers, 'restoreBackup', { id: chosen.file });
  if (!envelope.ok) {
    dialog.showErrorBox('The backup was not restored', envelope.error.message);
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
  const detail = `${message(error)}\n\nNothing was changed: the database open before stays open.`;
  if (!last) {
    await dialog.showMessageBox(win, { type: 'error', message: 'This file cannot be opened', detail, buttons: ['OK'] });
    return null;
  }
  const choice = await dialog.showMessageBox(win, {
    type: 'error',
    message: 'This file cannot be opened',
    detail: `${detail}\n\nIts last backup is ${basename(last)}. Restore it into a new file beside the damaged one?`,
    buttons: ['Restore last backup', 'Cancel'],
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
    dialog.showErrorBox('The backup could not be restored', message(failure));
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
