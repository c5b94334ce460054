import { backupBeforeChange, backupPath, backupsDir, copyBackupInto, keepSetting, listBackups, pruneBackups, setKeepSetting } from '../backup.ts';
import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import { ApiError } from '../errors.ts';
import { migrateToLatest } from '../open.ts';

export function backupsHandlers(ctx: Context): Pick<Handlers, 'listBackups' | 'restoreBackup' | 'setBackupKeep'> {
  const path = (): string => {
    if (ctx.db.memory || !ctx.db.name) throw new ApiError('not-found', 'An in-memory database has no backups.');
    return ctx.db.name;
  };
  return {
    listBackups: () => ({ folder: backupsDir(path()), keep: keepSetting(ctx.db), backups: listBackups(path()) }),

    restoreBackup: async ({ file }) => {
      const dbPath = path();
      const source = backupPath(dbPath, file);
      const restored = listBackups(dbPath).find((b) => b.file === file)!;
      const safetyBackup = await backupBeforeChange(ctx.db, 'restore');
      await copyBackupInto(source, dbPath);
      migrateToLatest(ctx.db, dbPath);
      const check = ctx.db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new ApiError('corrupt-database', `The restored database failed its integrity check (${String(check)}).`);
      return { restored, safetyBackup, schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number };
    },

    setBackupKeep: ({ keep }) => {
      setKeepSetting(ctx.db, keep);
      pruneBackups(path(), keep);
      return { keep };
    },
  };
}
