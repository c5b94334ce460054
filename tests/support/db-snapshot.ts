import type { Db } from '../../db/open.ts';

/** Every row of every table, in rowid order: equal snapshots mean an unchanged database. */
export function snapshot(db: Db): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
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
