/**
 * The files a host has let the user choose, behind opaque handles. A host (Electron's dialogs, the HTTP
 * host's uploads and downloads) registers a path it got from the user and hands the page the handle;
 * contract methods take handles and resolve them here. Nothing the page sends can name a place on disk.
 */
import { randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../common/errors.ts';
import { said } from '../common/core-messages.ts';
import { MAX_READ_BYTES, type PickedFile, type SaveTarget } from '../common/file-kinds.ts';

/** A handle not used within this time is forgotten (the user can choose the file again). */
const HANDLE_LIFETIME_MS = 60 * 60 * 1000;
/** Handles held at once; the oldest go first (a page that asks for handles in a loop cannot grow this). */
const MAX_HANDLES = 256;

interface Entry {
  mode: 'read' | 'write';
  path: string;
  name: string;
  createdAt: number;
  /** Called once the handle is gone (an uploaded copy is deleted then). */
  onRelease?: () => void;
}

function newHandle(): string {
  return `fh_${randomBytes(16).toString('base64url')}`;
}

function gone(): ApiError {
  return new ApiError('not-found', said('fileGone'));
}

export class FileHandles {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * A file the user chose to read. It must be a regular file (after following links) of at most
   * MAX_READ_BYTES; the handle serves previews and one import or pack load.
   */
  registerRead(path: string, options: { name?: string; onRelease?: () => void } = {}): PickedFile {
    let real: string;
    let size: number;
    try {
      real = realpathSync(path);
      const stat = statSync(real);
      if (!stat.isFile()) throw new ApiError('invalid-file', said('fileNotAFile', { file: basename(path) }));
      size = stat.size;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(
        'not-found',
        said('fileCannotRead', { file: basename(path), reason: (error as NodeJS.ErrnoException).code ?? 'unknown error' }),
      );
    }
    if (size > MAX_READ_BYTES)
      throw new ApiError('invalid-file', said('fileTooLarge', { file: basename(path), limit: MAX_READ_BYTES / 1024 ** 3 }));
    const name = options.name ?? basename(path);
    const handle = this.#add({
      mode: 'read',
      path: real,
      name,
      createdAt: this.#now(),
      ...(options.onRelease ? { onRelease: options.onRelease } : {}),
    });
    return { handle, name, size };
  }

  /** A place the user chose to write (the Save dialog has asked before replacing a file). Used once. */
  registerWrite(path: string, options: { name?: string; onRelease?: () => void } = {}): SaveTarget {
    const name = options.name ?? basename(path);
    const handle = this.#add({
      mode: 'write',
      path,
      name,
      createdAt: this.#now(),
      ...(options.onRelease ? { onRelease: options.onRelease } : {}),
    });
    return { handle, name };
  }

  /** The path behind a read handle, for a preview: the handle stays. */
  read(handle: string): { path: string; name: string } {
    const entry = this.#live(handle, 'read');
    return { path: entry.path, name: entry.name };
  }

  /**
   * The path behind a read handle, for the one import or pack load it serves: the handle ends now,
   * and `done` (called when the file has been read) lets its host delete an uploaded copy.
   */
  take(handle: string): { path: string; name: string; done: () => void } {
    const entry = this.#live(handle, 'read');
    this.#entries.delete(handle);
    let finished = false;
    return {
      path: entry.path,
      name: entry.name,
      done: () => {
        if (finished) return;
        finished = true;
        entry.onRelease?.();
      },
    };
  }

  /**
   * The path behind a write handle, which ends with this call. The caller writes, then calls `done` —
   * the host's download of a browser export needs the file after the handle is spent.
   */
  write(handle: string): { path: string; name: string } {
    const entry = this.#live(handle, 'write');
    this.#entries.delete(handle);
    return { path: entry.path, name: entry.name };
  }

  /** Forgets a handle (and deletes what its host staged for it). Unknown handles are ignored. */
  release(handle: string): void {
    const entry = this.#entries.get(handle);
    if (!entry) return;
    this.#entries.delete(handle);
    entry.onRelease?.();
  }

  /** Forgets every handle: the session closes. */
  releaseAll(): void {
    for (const handle of [...this.#entries.keys()]) this.release(handle);
  }

  get size(): number {
    return this.#entries.size;
  }

  #add(entry: Entry): string {
    this.#expire();
    while (this.#entries.size >= MAX_HANDLES) this.release(this.#entries.keys().next().value as string);
    const handle = newHandle();
    this.#entries.set(handle, entry);
    return handle;
  }

  #live(handle: string, mode: Entry['mode']): Entry {
    this.#expire();
    const entry = this.#entries.get(handle);
    if (!entry || entry.mode !== mode) throw gone();
    return entry;
  }

  #expire(): void {
    const oldest = this.#now() - HANDLE_LIFETIME_MS;
    for (const [handle, entry] of this.#entries) if (entry.createdAt < oldest) this.release(handle);
  }
}
