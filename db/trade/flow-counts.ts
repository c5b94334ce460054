/**
 * Rows of trade_flow per source (table source_flow_count, migration 007), read by the Sources list.
 * Kept in step by every write path of trade_flow inside its own transaction: an import adds its
 * count once (all its rows cite its one source), undo takes it away, a pack takes its rows' counts
 * out before deleting them and adds them back after inserting (one GROUP BY over the pack's rows,
 * found by the trade_flow_pack index). Never a trigger per row (see hs-summary.ts).
 */
import type { Db } from '../open.ts';

const UPSERT = `INSERT INTO source_flow_count (source_id, rows) VALUES (?, ?)
  ON CONFLICT (source_id) DO UPDATE SET rows = rows + excluded.rows`;

/** Adds `rows` (negative: removes) to a source's count. Call inside a transaction. */
export function addFlowCount(db: Db, sourceId: string, rows: number): void {
  if (rows === 0) return;
  if (rows > 0) {
    db.prepare(UPSERT).run(sourceId, rows);
    return;
  }
  // The last rows of a source take its entry away (the table keeps positive counts only).
  const left = db.prepare('DELETE FROM source_flow_count WHERE source_id = ? AND rows + ? <= 0').run(sourceId, rows).changes;
  if (left === 0) db.prepare('UPDATE source_flow_count SET rows = rows + ? WHERE source_id = ?').run(rows, sourceId);
}

/** Adds (sign 1) or removes (sign −1) a pack's rows to or from the counts. Call inside a transaction. */
export function applyPackFlowCounts(db: Db, packId: string, sign: 1 | -1): void {
  const counts = db.prepare('SELECT source_id, count(*) AS n FROM trade_flow WHERE pack_id = ? GROUP BY source_id').all(packId) as {
    source_id: string;
    n: number;
  }[];
  for (const c of counts) addFlowCount(db, c.source_id, sign * c.n);
}
