/**
 * The sources area's rules, free of SQLite: a source's usage before the rows that cite it are known,
 * and each citing row filed under its source, in the list of its kind.
 */
import type { SourceRef } from '../shared-types.ts';
import type { SourceUsage } from './contract.ts';
import type { CitingRow } from './sql.ts';

/** A source with the counts of what it gives, its lists still empty. */
export function emptyUsage(
  source: SourceRef,
  counts: { tradeFlows: number; statedFigures: number; sectorMappings: number; sectorFigures: number },
): SourceUsage {
  return { source, ...counts, events: [], projects: [], routes: [], statements: [], exportPlans: [], claims: [] };
}

/** Files each citing row under its source (rows citing a source not in `usage` are left out). */
export function fileCitations(usage: ReadonlyMap<string, SourceUsage>, citing: readonly CitingRow[]): void {
  for (const c of citing) {
    const u = usage.get(c.source_id);
    if (!u) continue;
    if (c.kind === 'event') u.events.push({ id: c.id, title: c.name });
    else if (c.kind === 'project') u.projects.push({ id: c.id, title: c.name });
    else if (c.kind === 'route') u.routes.push({ id: c.id, name: c.name });
    else if (c.kind === 'statement') u.statements.push({ id: c.id, text: c.name });
    else u.exportPlans.push({ id: c.id, title: c.name });
  }
}
