/** The briefings area's reads and writes of SQLite: briefings, their blocks, the statements a block may show. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../database.ts';

export interface BriefingRow {
  id: string;
  title: string;
  audience: string;
  dated_on: string | null;
  classification: string;
  /** 'en' | 'ko' | 'zh', or NULL for the interface's language. */
  print_language: string | null;
  created_at: string;
  updated_at: string;
  pack_id: string | null;
  deleted_at: string | null;
  block_count: number;
}

export interface BlockRow {
  id: string;
  briefing_id: string;
  position: number;
  kind: string;
  /** The block's settings as JSON. */
  config: string;
}

const SUMMARY_SELECT = `SELECT b.*, (SELECT count(*) FROM briefing_block k WHERE k.briefing_id = b.id) AS block_count FROM briefing b`;

export function briefingRow(db: Db, id: string): BriefingRow | undefined {
  return db.prepare(`${SUMMARY_SELECT} WHERE b.id = ?`).get(id) as BriefingRow | undefined;
}

/** Briefings not in the trash, the latest changed first. */
export function briefingRows(db: Db): BriefingRow[] {
  return db.prepare(`${SUMMARY_SELECT} WHERE b.deleted_at IS NULL ORDER BY b.updated_at DESC, b.title`).all() as BriefingRow[];
}

export function insertBriefing(
  db: Db,
  b: {
    id: string;
    title: string;
    audience: string;
    datedOn: string | null;
    classification: string;
    printLanguage: string | null;
    at: string;
  },
): void {
  db.prepare(
    `INSERT INTO briefing (id, title, audience, dated_on, classification, print_language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(b.id, b.title, b.audience, b.datedOn, b.classification, b.printLanguage, b.at, b.at);
}

export function updateBriefing(
  db: Db,
  id: string,
  b: { title: string; audience: string; dated_on: string | null; classification: string; print_language: string | null },
  at: string,
): void {
  db.prepare(
    'UPDATE briefing SET title = ?, audience = ?, dated_on = ?, classification = ?, print_language = ?, updated_at = ? WHERE id = ?',
  ).run(b.title, b.audience, b.dated_on, b.classification, b.print_language, at, id);
}

/** Moves a briefing to the trash (a time) or back (null). */
export function setDeleted(db: Db, id: string, at: string | null): void {
  db.prepare('UPDATE briefing SET deleted_at = ? WHERE id = ?').run(at, id);
}

export function touchBriefing(db: Db, id: string, at: string): void {
  db.prepare('UPDATE briefing SET updated_at = ? WHERE id = ?').run(at, id);
}

export function blockRows(db: Db, briefingId: string): BlockRow[] {
  return db.prepare('SELECT * FROM briefing_block WHERE briefing_id = ? ORDER BY position, id').all(briefingId) as BlockRow[];
}

export function blockRow(db: Db, id: string): BlockRow | undefined {
  return db.prepare('SELECT * FROM briefing_block WHERE id = ?').get(id) as BlockRow | undefined;
}

/** Inserts blocks (settings as JSON) at positions from, from + 1…; returns their new ids. */
export function insertBlocks(db: Db, briefingId: string, blocks: readonly { kind: string; config: string }[], from: number): string[] {
  const insert = db.prepare('INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES (?, ?, ?, ?, ?)');
  return blocks.map((b, i) => {
    const id = randomUUID();
    insert.run(id, briefingId, from + i, b.kind, b.config);
    return id;
  });
}

export function updateBlockConfig(db: Db, id: string, config: string): void {
  db.prepare('UPDATE briefing_block SET config = ? WHERE id = ?').run(config, id);
}

/** Numbers the blocks 1..n in the given order. */
export function setPositions(db: Db, ids: readonly string[]): void {
  const set = db.prepare('UPDATE briefing_block SET position = ? WHERE id = ?');
  ids.forEach((id, i) => set.run(i + 1, id));
}

export function deleteBlock(db: Db, id: string): void {
  db.prepare('DELETE FROM briefing_block WHERE id = ?').run(id);
}

/** The statements of the loaded sources: claims first, then context. */
export function statementRows(db: Db): { id: string; kind: 'claim' | 'context'; text: string; source_id: string }[] {
  return db.prepare("SELECT id, kind, text, source_id FROM statement ORDER BY kind = 'context', id").all() as {
    id: string;
    kind: 'claim' | 'context';
    text: string;
    source_id: string;
  }[];
}
