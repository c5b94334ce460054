/**
 * The references every figure carries: its source (SourceRef) and its economies (EconomyRef), looked
 * up by id once per query however many figures name them. Every area reads them from here.
 */
import { ApiError } from './common/errors.ts';
import { said } from './common/core-messages.ts';
import type { PreciseDate } from './common/dates.ts';
import type { Db } from './database.ts';
import type { EconomyRef, SourceRef } from './shared-types.ts';

export interface SourceRow {
  id: string;
  label: string;
  publisher: string;
  title: string;
  url: string | null;
  published_precision: 'day' | 'month' | 'year' | null;
  published_value: string | null;
  published_note: string | null;
  note: string | null;
  cited_in_id: string | null;
  ci_label: string | null;
  ci_publisher: string | null;
  ci_title: string | null;
  ci_url: string | null;
}

const SOURCE_SELECT = `
  SELECT s.id, s.label, s.publisher, s.title, s.url, s.published_precision, s.published_value, s.published_note, s.note,
         s.cited_in_id, ci.label AS ci_label, ci.publisher AS ci_publisher, ci.title AS ci_title, ci.url AS ci_url
  FROM source s LEFT JOIN source ci ON ci.id = s.cited_in_id`;

export function toSourceRef(row: SourceRow): SourceRef {
  const published: PreciseDate | null = row.published_precision ? { precision: row.published_precision, value: row.published_value } : null;
  return {
    id: row.id,
    label: row.label,
    publisher: row.publisher,
    title: row.title,
    url: row.url,
    published,
    publishedNote: row.published_note,
    note: row.note,
    citedIn: row.cited_in_id
      ? { id: row.cited_in_id, label: row.ci_label ?? '', publisher: row.ci_publisher ?? '', title: row.ci_title ?? '', url: row.ci_url }
      : null,
  };
}

/** Looks sources up by id, once each: queries that return many figures share one lookup. */
export function sourceLookup(db: Db): (id: string) => SourceRef {
  const stmt = db.prepare(`${SOURCE_SELECT} WHERE s.id = ?`);
  const cache = new Map<string, SourceRef>();
  return (id) => {
    let ref = cache.get(id);
    if (!ref) {
      const row = stmt.get(id) as SourceRow | undefined;
      if (!row) throw new ApiError('not-found', said('sourceNotFound', { id }));
      ref = toSourceRef(row);
      cache.set(id, ref);
    }
    return ref;
  };
}

export function economyLookup(db: Db): (code: string) => EconomyRef {
  const stmt = db.prepare('SELECT code, name FROM economy WHERE code = ?');
  const cache = new Map<string, EconomyRef>();
  return (code) => {
    let ref = cache.get(code);
    if (!ref) {
      ref = (stmt.get(code) as EconomyRef | undefined) ?? { code, name: code };
      cache.set(code, ref);
    }
    return ref;
  };
}

/** The economy standing for a reporter's trade with the world (its totals), if the database has one. */
export function worldEconomy(db: Db): string | undefined {
  return db
    .prepare(
      "SELECT code FROM economy WHERE code IN ('WLD', 'W00') OR (kind = 'group' AND lower(name) = 'world') ORDER BY code = 'WLD' DESC LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
}
