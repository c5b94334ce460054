/**
 * Files that reach the main process from outside a dialog: a file dropped on the window (its path comes
 * from the preload, which the page cannot bypass but may call with any File it holds) and a file given
 * on the command line of a second launch. Both are checked here before anything is registered. Pure
 * Node: tested without Electron.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { codeOf, said } from '../../db/common/core-messages.ts';
import { ApiError } from '../../db/common/errors.ts';
import { MAX_READ_BYTES, OPEN_KINDS, type OpenKind } from '../../db/common/file-kinds.ts';

export function isOpenKind(value: unknown): value is OpenKind {
  return typeof value === 'string' && Object.hasOwn(OPEN_KINDS, value);
}

/** The open kind a file's extension belongs to, or null. */
export function openKindOf(path: string): OpenKind | null {
  const ext = extname(path).slice(1).toLowerCase();
  for (const kind of Object.keys(OPEN_KINDS) as OpenKind[]) {
    if ((OPEN_KINDS[kind].extensions as readonly string[]).includes(ext)) return kind;
  }
  return null;
}

/**
 * The real path of a dropped file, if it may be read as `kind`: an absolute path (a File that is not
 * on disk gives an empty one), an existing regular file after following links, of an extension of the
 * kind and at most MAX_READ_BYTES.
 */
export function checkDroppedFile(path: unknown, kind: OpenKind): string {
  if (typeof path !== 'string' || path === '' || !isAbsolute(path)) {
    throw new ApiError('invalid-file', said('fileDropNotOnDisk'));
  }
  const name = basename(path);
  let real: string;
  let stat;
  try {
    real = realpathSync(path);
    stat = statSync(real);
  } catch (error) {
    throw new ApiError(
      'not-found',
      said('fileCannotRead', { file: name, reason: (error as NodeJS.ErrnoException).code ?? 'unknown error' }),
    );
  }
  if (!stat.isFile()) throw new ApiError('invalid-file', said('fileNotAFile', { file: name }));
  if (openKindOf(real) !== kind && openKindOf(path) !== kind) {
    throw new ApiError(
      'invalid-file',
      said('fileNotOfKind', {
        file: name,
        kind: codeOf(said(kind === 'pack' ? 'openKindPack' : 'openKindTradeData')),
        extensions: `.${OPEN_KINDS[kind].extensions.join(', .')}`,
      }),
    );
  }
  if (stat.size > MAX_READ_BYTES)
    throw new ApiError('invalid-file', said('fileTooLarge', { file: name, limit: MAX_READ_BYTES / 1024 ** 3 }));
  return real;
}

/**
 * The file a launch was given to open (`tradebrief data.csv`, or the OS opening a pack with the app):
 * the last argument that is not a switch and has the extension of trade data or a pack, resolved
 * against the launch's working folder. `args` are the user's arguments (after the executable and,
 * unpackaged, the app path); Chromium may add switches of its own, which are skipped.
 */
export function fileToOpen(args: readonly string[], cwd: string): { path: string; kind: OpenKind } | null {
  for (let i = args.length - 1; i >= 0; i--) {
    const arg = args[i]!;
    if (arg.startsWith('-')) continue;
    // A value of the CLI's own options is not a file to open.
    if (i > 0 && ['--print', '--out', '--paper', '--orientation'].includes(args[i - 1]!)) continue;
    const kind = openKindOf(arg);
    if (kind) return { path: resolve(cwd, arg), kind };
  }
  return null;
}

/**
 * `--user-data-dir=<folder>`: where this run keeps its database and settings (as Chromium's switch of
 * the same name), resolved against the launch folder; null when not given. Tests and side-by-side
 * profiles use it; a second launch with another folder is another app, not a second instance.
 */
export function userDataDirArgument(args: readonly string[], cwd: string): string | null {
  const prefix = '--user-data-dir=';
  const arg = args.find((a) => a.startsWith(prefix));
  const value = arg?.slice(prefix.length).trim();
  return value ? resolve(cwd, value) : null;
}
