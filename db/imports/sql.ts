/**
 * The imports area's reads of SQLite for the page: the history of imports, each with its source and
 * the rows of it still present. Imports and undo write in db/imports/importer.ts, inside the worker.
 */
import type { Db } from '../database.ts';

export interface RunRow {
  id: number;
  file_name: string;
  file_hash: string;
  format: string;
  started_at: string;
  finished_at: string | null;
  user_name: string | null;
  rows_read: number;
  rows_added: number;
  rows_skipped: number;
  problem_count: number;
  skipped_by_reason: string;
  rows_present: number;
  source_id: string | null;
  s_label: string | null;
  s_publisher: string | null;
  s_title: string | null;
}

const RUNS_SQL = `
        SELECT r.id, r.file_name, r.file_hash, r.format, r.started_at, r.finished_at, r.user_name, r.rows_read, r.rows_added,
               r.rows_skipped, r.problem_count, r.skipped_by_reason, r.source_id,
               (SELECT count(*) FROM trade_flow f WHERE f.import_id = r.id) AS rows_present,
               s.label AS s_label, s.publisher AS s_publisher, s.title AS s_title
        FROM import_run r LEFT JOIN source s ON s.id = r.source_id
        ORDER BY r.id DESC`;

/** Every import, latest first. */
export function importRuns(db: Db): RunRow[] {
  return db.prepare(RUNS_SQL).all() as RunRow[];
}
