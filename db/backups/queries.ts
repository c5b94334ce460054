import {
  backupBeforeChange,
  backupPath,
  copyBackupInto,
  type BackupInfo,
  keepSetting,
  listBackups,
  pruneBackups,
  setKeepSetting,
} from '../backup.ts';
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import { said } from '../common/core-messages.ts';
import { migrateToLatest } from '../open.ts';
import type { BackupEntry, backupsContract } from './contract.ts';

function entryOf(info: BackupInfo): BackupEntry {
  return { id: info.file, takenAt: info.takenAt, reason: info.reason, bytes: info.bytes };
}

export function backupsHandlers(ctx: Context): HandlersOf<typeof backupsContract> {
  const path = (): string => {
    if (ctx.db.memory || !ctx.db.name) throw new ApiError('not-found', said('backupsInMemory'));
    return ctx.db.name;
  };
  return {
    listBackups: () => ({ keep: keepSetting(ctx.db), backups: listBackups(path()).map(entryOf) }),

    restoreBackup: async ({ id }) => {
      const dbPath = path();
      // The id must be one of the listing's: it never becomes a path by itself.
      const found = listBackups(dbPath).find((b) => b.file === id);
      if (!found) throw new ApiError('not-found', said('backupGone'));
      const source = backupPath(dbPath, found.file);
      const restored = entryOf(found);
      const backup = await backupBeforeChange(ctx.db, 'restore');
      const safetyBackup = backup ? entryOf(backup) : null;
      await copyBackupInto(source, dbPath);
      migrateToLatest(ctx.db, dbPath);
      const check = ctx.db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new ApiError('corrupt-database', said('backupRestoredDamaged', { check: String(check) }));
      return { restored, safetyBackup, schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number };
    },

    setBackupKeep: ({ keep }) => {
      setKeepSetting(ctx.db, keep);
      pruneBackups(path(), keep);
      return { keep };
    },
  };
}
