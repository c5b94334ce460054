import Database from 'better-sqlite3';
import { readMigrations } from '../../db/open.ts';

/**
 * A database file made by the first `version` migrations only, as an older release left it, open without the
 * app's own opening (which would migrate it): the test fills it, closes it, then opens it the app's way.
 */
export function olderDatabase(path: string, version: number): Database.Database {
  const raw = new Database(path);
  for (const m of readMigrations().slice(0, version)) raw.exec(m.sql);
  raw.pragma(`user_version = ${version}`);
  return raw;
}
