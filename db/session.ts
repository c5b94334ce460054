import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupsDir } from './backup.ts';
import type { Context } from './context.ts';
import type { Handlers } from './contract.ts';
import { localToday } from './common/dates.ts';
import { FileHandles } from './files/handles.ts';
import type { HostEvent, HostEventListener } from './host-events.ts';
import { loadPack, readPackFile } from './packs/load.ts';
import { openDatabase, type Db } from './open.ts';
import { createHandlers } from './service.ts';

/** The packs a new database starts with, in load order (files in the packs folder). */
export const DEFAULT_PACKS = ['korea-china-2022.json', 'korea-china-trade.json', 'korea-world-trade.json'] as const;

export const defaultPacksDir = fileURLToPath(new URL('./packs/', import.meta.url));

export interface SessionOptions {
  /** The database file; created (with the default packs) if missing or empty. */
  path: string;
  migrationsDir?: string;
  packsDir?: string;
  /** Fixed "today" for tests (YYYY-MM-DD). */
  today?: string;
}

/** One open database and the handlers bound to it: what a host serves. */
export interface Session {
  readonly path: string;
  readonly db: Db;
  readonly handlers: Handlers;
  readonly context: Context;
  /** Files chosen through the host: it registers them, the page gets handles. */
  readonly files: FileHandles;
  /** Listens to progress and data-changed events; returns the function that stops listening. */
  onEvent(listener: HostEventListener): () => void;
  close(): void;
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function openSession(options: SessionOptions): Session {
  const isNew = !existsSync(options.path) || statSync(options.path).size === 0;
  const db = openDatabase(options.path, options.migrationsDir ? { migrationsDir: options.migrationsDir } : {});
  try {
    if (isNew) {
      const dir = options.packsDir ?? defaultPacksDir;
      for (const file of DEFAULT_PACKS) {
        const { pack } = readPackFile(join(dir, file));
        loadPack(db, pack);
      }
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const files = new FileHandles();
  const listeners = new Set<HostEventListener>();
  const emit = (event: HostEvent): void => {
    for (const listener of listeners) {
      // One failing listener (a closed window) must not keep the event from the others.
      try {
        listener(event);
      } catch {
        listeners.delete(listener);
      }
    }
  };
  const context: Context = {
    db,
    userName: osUserName(),
    today: () => options.today ?? localToday(),
    files,
    protectedFiles: () => ({ databasePath: options.path, backupsDir: backupsDir(options.path) }),
    emit,
  };
  return {
    path: options.path,
    db,
    context,
    files,
    handlers: createHandlers(context),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      listeners.clear();
      files.releaseAll();
      db.close();
    },
  };
}
