import type Database from 'better-sqlite3';

/** An open Tradebrief database (db/open.ts opens, checks and migrates it). */
export type Db = Database.Database;
