/**
 * The list of recently opened database files, newest first, kept in a small JSON file in the
 * user-data folder. Plain Node (no Electron) so it is tested directly.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const MAX_RECENT = 8;

export function readRecent(listFile: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(listFile, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Puts `path` first, without duplicates, keeps MAX_RECENT, drops files that no longer exist. */
export function rememberRecent(listFile: string, path: string): string[] {
  const full = resolve(path);
  const next = [full, ...readRecent(listFile).filter((p) => p !== full)].filter((p) => existsSync(p)).slice(0, MAX_RECENT);
  const temp = `${listFile}.tmp`;
  writeFileSync(temp, JSON.stringify(next, null, 2));
  renameSync(temp, listFile);
  return next;
}

export function forgetRecent(listFile: string, path: string): string[] {
  const full = resolve(path);
  const next = readRecent(listFile).filter((p) => p !== full);
  writeFileSync(listFile, JSON.stringify(next, null, 2));
  return next;
}
