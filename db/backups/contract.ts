import { z } from 'zod';
import { method } from '../method.ts';

/** One automatic backup of the open database (db/backup.ts). */
export interface BackupEntry {
  /** What restoreBackup takes: the backup's name in the listing (never joined to a folder by the page). */
  id: string;
  takenAt: string;
  /** 'before-migration-4', 'before-import', 'before-restore'… */
  reason: string;
  bytes: number;
}

export interface BackupList {
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
    z
      .object({
        id: z
          .string()
          .min(1)
          .max(255)
          .regex(/^[A-Za-z0-9._-]+$/, 'a backup id from listBackups'),
      })
      .strict(),
  ),
  /** How many automatic backups to keep (1 to 100; default 5). */
  setBackupKeep: method<{ keep: number }>()(z.object({ keep: z.number().int().min(1).max(100) }).strict()),
};
