import type { Db } from '../../db/open.ts';

/**
 * Every row of every table, in rowid order: equal snapshots mean an unchanged database. The trade counter
 * (trade_generation, migration 014) is left out: it counts writes, so an import and its undo move it.
 */
export function snapshot(db: Db): string {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'trade_generation' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables)
    out[t] = db
      .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`)
      .raw()
      .all();
  return JSON.stringify(out);
}
