/**
 * What a pack load changes in rows that existed before it, for the edit log. Inside the load's
 * transaction the state of every row the load may touch is taken before the write; afterwards each
 * of those rows is read again, and each that differs or is gone is logged with both states. Shared
 * reference data (economies, places, organisations) may belong to other data; the pack's own rows may
 * have been edited by the user. Trade flows, which may be hundreds of thousands, are compared in SQL
 * (a temporary copy, then one join by what identifies a figure), not in memory. Rows the load creates
 * are not logged one by one (the pack table records the load).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';
import type { Pack } from './schema.ts';

/** Tables a pack owns (pack_id), with the child tables that are part of a row's state. */
const OWNED: Record<string, readonly (readonly [child: string, fk: string])[]> = {
  source: [],
  stated_figure: [],
  sector: [['sector_hs', 'sector_id']],
  sector_figure: [],
  export_plan: [['export_plan_sector', 'plan_id']],
  event: [['event_sector', 'event_id']],
  project: [['project_field', 'project_id']],
  route: [['route_leg', 'route_id']],
  statement: [],
};
/** Shared tables a pack upserts, by their key column. */
const SHARED: Record<string, string> = { economy: 'code', place: 'id', organisation: 'id' };

type Row = Record<string, unknown>;

export interface PackStates {
  packId: string;
  statements: Statements;
  /** table + id → the row's state as JSON. */
  rows: Map<string, { table: string; id: string; state: string }>;
}

function keyColumn(table: string): string {
  return SHARED[table] ?? 'id';
}

/** Prepared statements of one load, by SQL (preparing one per row read cost more than the reads). */
type Statements = Map<string, Statement>;

function prepared(db: Db, statements: Statements, sql: string): Statement {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/** A row with its children, or null if it no longer exists. */
function stateOf(db: Db, statements: Statements, table: string, id: string): string | null {
  const row = prepared(db, statements, `SELECT * FROM ${table} WHERE ${keyColumn(table)} = ?`).get(id) as Row | undefined;
  if (!row) return null;
  const state: Row = { ...row };
  for (const [child, fk] of OWNED[table] ?? [])
    state[child] = prepared(db, statements, `SELECT * FROM ${child} WHERE ${fk} = ? ORDER BY rowid`).all(id);
  return JSON.stringify(state);
}

/**
 * The copy of a pack's trade flows before a load: created once per connection and emptied after each
 * use (creating and dropping a table at each load would make SQLite prepare every statement again).
 */
const FLOWS_BEFORE = `CREATE TEMP TABLE IF NOT EXISTS pack_flow_before (reporter TEXT, partner TEXT, year INTEGER, month INTEGER, flow TEXT,
  product_code TEXT, series TEXT, source_id TEXT, value_usd REAL, note TEXT)`;

/** Before the write: the state of every existing row a load of this pack may change; its trade flows copied aside. */
export function statesBefore(db: Db, pack: Pack): PackStates {
  const rows: PackStates['rows'] = new Map();
  const statements: Statements = new Map();
  const track = (table: string, id: string): void => {
    const state = stateOf(db, statements, table, id);
    if (state !== null) rows.set(`${table}\u0000${id}`, { table, id, state });
  };
  const id = (key: string): string => `${pack.id}:${key}`;
  for (const e of pack.economies) track('economy', e.code);
  for (const p of pack.places) track('place', id(p.key));
  for (const o of pack.organisations) track('organisation', id(o.key));
  for (const s of pack.sources) track('source', id(s.key));
  for (const table of Object.keys(OWNED)) {
    for (const rowId of db.prepare(`SELECT id FROM ${table} WHERE pack_id = ?`).pluck().all(pack.id) as string[]) track(table, rowId);
  }
  db.exec(FLOWS_BEFORE);
  db.exec('DELETE FROM temp.pack_flow_before');
  db.prepare(
    `INSERT INTO temp.pack_flow_before SELECT reporter, partner, year, month, flow, product_code, series, source_id, value_usd, note
    FROM trade_flow WHERE pack_id = ?`,
  ).run(pack.id);
  return { packId: pack.id, statements, rows };
}

const FLOW_JSON = (
  t: string,
): string => `json_object('reporter', ${t}.reporter, 'partner', ${t}.partner, 'year', ${t}.year, 'month', ${t}.month,
  'flow', ${t}.flow, 'product_code', ${t}.product_code, 'series', ${t}.series, 'source_id', ${t}.source_id, 'value_usd', ${t}.value_usd, 'note', ${t}.note)`;

/** After the write: logs every tracked row that is gone (delete) or different (update). Returns how many were logged. */
export function logChangesSince(db: Db, before: PackStates, userName: string, at: string): number {
  const insert = db.prepare('INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let logged = 0;
  for (const was of before.rows.values()) {
    const now = stateOf(db, before.statements, was.table, was.id);
    if (now === was.state) continue;
    insert.run(at, userName, now === null ? 'delete' : 'update', was.table, was.id, was.state, now);
    logged++;
  }
  // A figure is the same figure when reporter, partner, product, period, flow and source are (the natural key).
  logged += db
    .prepare(
      `INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after)
    SELECT :at, :user, CASE WHEN t.id IS NULL THEN 'delete' ELSE 'update' END, 'trade_flow',
      b.reporter || '→' || b.partner || ' ' || b.year || ifnull('-' || printf('%02d', b.month), '') || ' ' || b.flow || ' ' || b.product_code
        || ' (' || b.source_id || ')',
      ${FLOW_JSON('b')}, CASE WHEN t.id IS NULL THEN NULL ELSE ${FLOW_JSON('t')} END
    FROM temp.pack_flow_before b LEFT JOIN trade_flow t ON t.reporter = b.reporter AND t.partner = b.partner AND t.product_code = b.product_code
      AND t.year = b.year AND ifnull(t.month, 0) = ifnull(b.month, 0) AND t.flow = b.flow AND t.source_id = b.source_id AND t.pack_id = :pack
    WHERE t.id IS NULL OR t.value_usd IS NOT b.value_usd OR t.series IS NOT b.series OR t.note IS NOT b.note
    ORDER BY b.rowid`,
    )
    .run({ at, user: userName, pack: before.packId }).changes;
  db.exec('DELETE FROM temp.pack_flow_before');
  return logged;
}
