/**
 * Files "chosen by the user" for tests that call the contract. No contract method takes a path: a
 * host registers the file the user picked in its Open or Save dialog (or uploaded) and hands the page
 * an opaque handle (db/files/handles.ts). These helpers do what the host does after the user chose
 * the file in a dialog, so a test can pass the handle where the page would.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';
import type { Session } from '../../db/session.ts';

/** The read handle for `path`, as the host registers it after the Open dialog: `file` of previewImport, startImport, importPack. */
export function chosen(session: Pick<Session, 'files'>, path: string): string {
  return session.files.registerRead(path).handle;
}

/** The write handle for `path`, as the host registers it after the Save dialog (which asked before replacing): `target` of every export. */
export function saveTo(session: Pick<Session, 'files'>, path: string): string {
  return session.files.registerWrite(path).handle;
}

/** A well-formed handle no host gave out (FILE_HANDLE_PATTERN): what a page that made one up would send. */
export const UNKNOWN_HANDLE = 'fh_AAAAAAAAAAAAAAAAAAAAAA';

/** What the target held at the moment the finished file was moved onto it. */
export interface ObservedReplace {
  /** The temporary file renamed onto the target: its name and size when complete. */
  temp: string;
  tempBytes: number;
  target: string;
  /** The target's content just before the rename (null: it did not exist). */
  targetBefore: Buffer | null;
}

/**
 * Runs `action` while watching every rename (an export replaces its target in one rename: see
 * db/files/safe-write.ts), so a test can check the old file was still whole when the new one was
 * complete. With `failRename`, the rename fails as a full or vanished disk would make it fail.
 */
export async function watchingReplace<T>(
  action: () => Promise<T>,
  options: { failRename?: boolean } = {},
): Promise<{ result: T; replaces: ObservedReplace[] }> {
  const original = fs.renameSync;
  const replaces: ObservedReplace[] = [];
  fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
    replaces.push({
      temp: basename(String(from)),
      tempBytes: fs.statSync(from).size,
      target: String(to),
      targetBefore: fs.existsSync(to) ? fs.readFileSync(to) : null,
    });
    if (options.failRename) throw Object.assign(new Error(`EIO: i/o error, rename '${String(from)}' -> '${String(to)}'`), { code: 'EIO' });
    return original(from, to);
  }) as typeof fs.renameSync;
  // The product imports `renameSync` by name: its binding follows the module object after this.
  syncBuiltinESMExports();
  try {
    return { result: await action(), replaces };
  } finally {
    fs.renameSync = original;
    syncBuiltinESMExports();
  }
}
