import { backupsDir } from '../../db/backup.ts';
import type { Context } from '../../db/context.ts';
import { FileHandles } from '../../db/files/handles.ts';
import type { HostEvent } from '../../db/host-events.ts';
import type { Db } from '../../db/open.ts';

/** A handlers' context over an open database, as a session builds one; the events it emits are kept. */
export function contextFor(db: Db, options: { userName?: string; today?: string } = {}): Context & { events: HostEvent[] } {
  const events: HostEvent[] = [];
  return {
    db,
    userName: options.userName ?? 'test',
    today: () => options.today ?? '2024-01-01',
    files: new FileHandles(),
    protectedFiles: () => ({ databasePath: db.name, backupsDir: backupsDir(db.name) }),
    emit: (event) => void events.push(event),
    events,
  };
}
