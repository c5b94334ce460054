/**
 * Writing a file the user chose: never onto the open database, its journal files or its backups
 * (a CSV written over `-wal` empties the database after a crash), and never half-written — the
 * content goes to a temporary file in the same folder, then replaces the target in one rename.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ApiError } from '../common/errors.ts';
import { said, saidAs, type CoreMessageCode, type CoreValue, type Said } from '../common/core-messages.ts';

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
    throw new ApiError('conflict', said('writeIsDatabase', { file: basename(target) }));
  }
  const backups = real(guard.backupsDir);
  if (
    sameFile(path, backups) ||
    (process.platform === 'linux' ? path.startsWith(backups + sep) : path.toLowerCase().startsWith((backups + sep).toLowerCase()))
  ) {
    throw new ApiError('conflict', said('writeInBackups', { file: basename(target) }));
  }
}

const FILE_ERRORS: Record<string, CoreMessageCode> = {
  ENOENT: 'writeNoFolder',
  EACCES: 'writeDenied',
  EPERM: 'writeDenied',
  EISDIR: 'writeIsFolder',
  EROFS: 'writeReadOnly',
  ENOSPC: 'writeDiskFull',
  EDQUOT: 'writeQuota',
};

/** A message's value with the temporary file's path and name replaced by the target's name. */
function renamed(value: CoreValue, temp: string, name: string): CoreValue {
  if (typeof value === 'string') return value.split(temp).join(name).split(basename(temp)).join(name);
  if (typeof value !== 'object' || !('messageCode' in value)) return value;
  return { ...value, params: Object.fromEntries(Object.entries(value.params).map(([k, v]) => [k, renamed(v, temp, name)])) };
}

/** Why `name` could not be written, when the system said it in a way the page can say in its language. */
export function writeFailure(name: string, error: unknown): Said | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code && code in FILE_ERRORS ? said('writeFailed', { file: name, reason: saidAs(FILE_ERRORS[code]!) }) : null;
}

/**
 * The error of a failed write, about the file the user chose: never the temporary file's name or
 * path (the page must not learn paths), with a full disk said as such.
 */
function aboutTarget(error: unknown, temp: string, target: string): unknown {
  const name = basename(target);
  if (error instanceof ApiError) {
    const message = error.message.split(temp).join(name).split(basename(temp)).join(name);
    if (message === error.message) return error;
    if (!error.text) return new ApiError(error.code, message);
    const params = renamed({ ...error.text }, temp, name) as typeof error.text;
    return new ApiError(error.code, { message, messageCode: params.messageCode, params: params.params });
  }
  const failure = writeFailure(name, error);
  if (!failure) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new ApiError(code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'invalid-file', failure);
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
