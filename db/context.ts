import type { Db } from './open.ts';

/** What every handler may use: the open database and the facts of the host it runs in. */
export interface Context {
  /** The database currently open (the Electron host can switch files). */
  readonly db: Db;
  /** Today's date as YYYY-MM-DD (injectable so tests can fix it). */
  today(): string;
  /** The OS user name, recorded in the edit log. */
  readonly userName: string;
}
