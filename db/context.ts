import type { FileHandles } from './files/handles.ts';
import type { ProtectedFiles } from './files/safe-write.ts';
import type { HostEvent } from './host-events.ts';
import type { Db } from './open.ts';

/** What every handler may use: the open database and the facts of the host it runs in. */
export interface Context {
  /** The database currently open (the Electron host can switch files). */
  readonly db: Db;
  /** Today's date as YYYY-MM-DD (injectable so tests can fix it). */
  today(): string;
  /** The OS user name, recorded in the edit log. */
  readonly userName: string;
  /** The files the user chose through the host, behind the handles the page holds. */
  readonly files: FileHandles;
  /** What a write must never touch: the open database, its journal files, its backups. */
  protectedFiles(): ProtectedFiles;
  /** Tells the hosts (and through them every window) of progress and changed data. */
  emit(event: HostEvent): void;
}
