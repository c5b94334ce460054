/**
 * Writing a file the user chose: never onto the open database, its journal files or its backups
 * (a CSV written over `-wal` empties the database after a crash), and never half-written — the
 * content goes to a temporary file in the same folder, then replaces the target in one rename.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ApiError } from '../common/errors.ts';

/** The files a write must never touch: the database, its companions and its backups folder. */
export interface ProtectedFiles {
  databasePath: string;
  backupsDir: string;
}

function real(path: string): string {
  // A target that does not exist yet: its folder's real path and its own name.
  if (existsSync(path)) return realpathSync(path);
  const dir = dirname(path);
  return join(existsSync(dir) ? realpathSync(dir) : resolve(dir), basename(path));
}

function sameFile(a: string, b: string): boolean {
  // Windows and macOS file systems are case-insensitive by default.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Throws when `target` is the database, one of its journal files or inside its backups folder. */
export function refuseProtected(target: string, guard: ProtectedFiles): void {
  const path = real(target);
  const db = real(guard.databasePath);
  const forbidden = ['', '-wal', '-shm', '-journal'].map((suffix) => db + suffix);
  if (forbidden.some((f) => sameFile(f, path))) {
    throw new ApiError('conflict', `${basename(target)} is the open database or one of its files: choose another name.`);
  }
  const backups = real(guard.backupsDir);
  if (
    sameFile(path, backups) ||
    (process.platform === 'linux' ? path.startsWith(backups + sep) : path.toLowerCase().startsWith((backups + sep).toLowerCase()))
  ) {
    throw new ApiError('conflict', `${basename(target)} is inside the database's backups folder: choose another place.`);
  }
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/**
 * The error of a failed write, about the file the user chose: never the temporary file's name or
 * path (the page must not learn paths), with a full disk said as such.
 */
function aboutTarget(error: unknown, temp: string, target: string): unknown {
  const name = basename(target);
  if (error instanceof ApiError) {
    const message = error.message.split(temp).join(name).split(basename(temp)).join(name);
    return message === error.message ? error : new ApiError(error.code, message);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && code in FILE_ERRORS)
    return new ApiError(
      code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'invalid-file',
      `${name} could not be written: ${FILE_ERRORS[code]}.`,
    );
  return error;
}

/**
 * Runs `write(tempPath)` and moves the result onto `target`. The temporary file is removed whatever
 * happens; on an error the target is as it was.
 */
export async function writeFileSafely<T>(target: string, guard: ProtectedFiles, write: (tempPath: string) => T | Promise<T>): Promise<T> {
  refuseProtected(target, guard);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const result = await write(temp);
    renameSync(temp, target);
    return result;
  } catch (error) {
    throw aboutTarget(error, temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
}
