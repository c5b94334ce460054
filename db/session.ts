import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from './context.ts';
import type { Handlers } from './contract.ts';
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
  close(): void;
}

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
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
  const userName = osUserName();
  const context: Context = { db, userName, today: () => options.today ?? localToday() };
  return {
    path: options.path,
    db,
    context,
    handlers: createHandlers(context),
    close: () => db.close(),
  };
}
