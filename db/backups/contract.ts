import { z } from 'zod';
import { method } from '../method.ts';

/** One automatic backup of the open database (db/backup.ts). */
export interface BackupEntry {
  /** File name inside the backups folder: what restoreBackup takes. */
  file: string;
  takenAt: string;
  /** 'before-migration-4', 'before-import', 'before-restore'… */
  reason: string;
  bytes: number;
}

export interface BackupList {
  /** The folder beside the database file that holds its backups. */
  folder: string;
  /** How many backups are kept (the oldest beyond this are deleted). */
  keep: number;
  /** Newest first. */
  backups: BackupEntry[];
}

export const backupsContract = {
  /** The automatic backups of the open database, newest first. */
  listBackups: method<BackupList>()(z.object({}).strict()),
  /**
   * Replaces the open database's content with a backup (after backing up the current state), then
   * upgrades it if the backup predates a migration.
   */
  restoreBackup: method<{ restored: BackupEntry; safetyBackup: BackupEntry | null; schemaVersion: number }>()(
    z.object({ file: z.string().min(1).max(255).regex(/^[^/\\]+\.sqlite$/, 'a backup file name from listBackups') }).strict(),
  ),
  /** How many automatic backups to keep (1 to 100; default 5). */
  setBackupKeep: method<{ keep: number }>()(z.object({ keep: z.number().int().min(1).max(100) }).strict()),
};
