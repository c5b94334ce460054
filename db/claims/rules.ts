/**
 * The rules every claim check shares, free of SQLite: when a stated figure holds (the rounding rule),
 * and which readings the loaded figures give (one per source giving all of a claim's figures, then one
 * of the sources giving only some), in the series rule's order.
 */
import type { FlowRow } from './sql.ts';
import { codeOf, said } from '../common/core-messages.ts';

export const ROUNDING_RULE = said('ruleRounding').message;
export const ROUNDING_RULE_TEXT = codeOf(said('ruleRounding'));

/** The one tolerance rule of every check (see ROUNDING_RULE); the tiny margin absorbs binary floating point. */
export function withinRounding(data: number, stated: number, precision: number): boolean {
  return Math.abs(data - stated) <= precision / 2 + precision * 1e-9;
}

/** One figure a claim needs, with every loaded value of it. */
export interface Atom {
  key: string;
  label: string;
  year: number;
  flow: FlowRow['flow'];
  role: 'subject' | 'world';
  rows: FlowRow[];
}

/** The series rule's order (db/trade/rules.ts SERIES_RULE): primary first, then the most recently published, then by id. */
function ruleOrder(a: FlowRow, b: FlowRow): number {
  return (
    (a.series === 'primary' ? 0 : 1) - (b.series === 'primary' ? 0 : 1) ||
    (a.published_value === null ? 1 : 0) - (b.published_value === null ? 1 : 0) ||
    (b.published_value ?? '').localeCompare(a.published_value ?? '') ||
    a.source_id.localeCompare(b.source_id)
  );
}

/** Readings over the atoms: one per source giving all of them, then one of the sources giving only some. */
export function sourceReadings(atoms: Atom[]): FlowRow[][] {
  if (atoms.some((a) => a.rows.length === 0)) return [];
  const bySource = new Map<string, Map<string, FlowRow>>();
  for (const atom of atoms) {
    for (const row of atom.rows) {
      let m = bySource.get(row.source_id);
      if (!m) bySource.set(row.source_id, (m = new Map()));
      m.set(atom.key, row);
    }
  }
  const complete: FlowRow[][] = [];
  const partial = new Set<string>();
  for (const [sourceId, m] of bySource) {
    if (m.size === atoms.length) complete.push(atoms.map((a) => m.get(a.key)!));
    else partial.add(sourceId);
  }
  complete.sort((a, b) => ruleOrder(a[0]!, b[0]!));
  if (partial.size > 0) {
    complete.push(
      atoms.map((a) => [...a.rows].filter((r) => partial.has(r.source_id)).sort(ruleOrder)[0] ?? [...a.rows].sort(ruleOrder)[0]!),
    );
  }
  return complete;
}

export function pick(rows: FlowRow[]): FlowRow | undefined {
  return [...rows].sort(ruleOrder)[0];
}
