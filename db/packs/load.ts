import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { ApiError, issuePath } from '../common/errors.ts';
import { codeOf, isCoreMessageCode, issueText, said, type CoreMessageCode, type CoreText, type Said } from '../common/core-messages.ts';
import { applyPackFlowCounts } from '../trade/flow-counts.ts';
import { applyToHsSummary } from '../trade/hs-summary.ts';
import { removeYearCodes, writeYearCodes } from '../trade/hs-year-codes.ts';
import { tradeRowsChanged } from '../trade/chosen.ts';
import type { Db } from '../open.ts';
import { logChangesSince, statesBefore } from './changes.ts';
import { packSchema, packTradeFlow, type Pack, type PackClaim, type PackDate } from './schema.ts';

export interface PackIssue {
  path: string;
  message: string;
  /** The message as a code and its values, for the page's language. */
  text: CoreText;
}

/**
 * The largest pack file read (bytes). A pack is parsed whole in the import worker, which shares the
 * host's process: at these limits the process stays under 300 MB while a pack loads (measured by
 * tests/bench/pack-load.ts). Larger trade data travels as CSV or XLSX, which imports stream.
 */
export const MAX_PACK_BYTES = 12 * 1024 * 1024;
/** The most elements (collection items and the lists inside them: hs codes, legs, fields, blocks…) a pack may hold. */
export const MAX_PACK_ELEMENTS = 80_000;
/** A pack file is read in steps of this size (progress, and a cancel can stop it). */
const READ_STEP = 1024 * 1024;
/** Elements written between two progress reports and cancel checks. */
const WRITE_STEP = 2_000;

export interface PackProgress {
  phase: 'reading' | 'committing';
  bytesRead: number;
  bytesTotal: number;
  /** Elements in the pack (known once it is parsed). */
  elements: number;
  /** Elements written so far. */
  written: number;
}

export interface ReadPackOptions {
  maxBytes?: number;
  maxElements?: number;
  onProgress?: (progress: PackProgress) => void;
}

export interface LoadPackOptions {
  /** The pack's content hash (computed from the pack when absent). */
  contentHash?: string;
  /** Who loads it, for the edit log. */
  userName?: string;
  /** Called inside the transaction once the load is certain to write, before it does (the worker's backup). */
  beforeWrite?: () => void;
  isCancelled?: () => boolean;
  onProgress?: (progress: PackProgress) => void;
}

export interface LoadPackResult {
  packId: string;
  version: string;
  /** False when the same pack content was already loaded: nothing was written. */
  changed: boolean;
  counts: Record<string, number>;
}

const WEEKDAY_INDEX = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 } as const;

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): PackIssue[] {
  return error.issues.map((i) => ({ path: issuePath([...prefix, ...i.path], '(root)'), message: i.message, text: issueCode(i) }));
}

/** A schema issue's code: the pack schema's own (carried in its params), else zod's check. */
function issueCode(issue: z.core.$ZodIssue): CoreText {
  const own = issue.code === 'custom' ? (issue.params as Partial<CoreText> | undefined) : undefined;
  if (own && isCoreMessageCode(own.messageCode)) return { messageCode: own.messageCode, params: own.params ?? {} };
  return issueText(issue as Parameters<typeof issueText>[0]);
}

function invalid(fileName: string, issues: PackIssue[]): ApiError {
  const shown = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  const list = {
    items: issues.slice(0, 5).map((i) => codeOf(said('packIssue', { path: i.path, what: i.text }))),
    joinedBy: 'packIssueJoin' as const,
  };
  const coded =
    issues.length > 5
      ? said('packInvalidMore', { file: fileName, issues: list, more: issues.length - 5 })
      : said('packInvalid', { file: fileName, issues: list });
  // The English keeps zod's own wording of each problem (the CLI's and logs'); the page writes the codes.
  const message: Said = { ...coded, message: `${fileName} is not a valid briefing pack: ${shown}${more}` };
  return new ApiError('invalid-pack', message, { file: fileName, issues });
}

/** Trade flows beyond this many are checked one by one in place (the schema would build a second copy of them all). */
const FLOWS_IN_PLACE = 1000;
/** Checking flows in place stops after this many problems (the message shows five). */
const MAX_FLOW_ISSUES = 100;

/** Parses and checks a pack: schema, then every key it refers to. Throws `invalid-pack` naming file and field. */
export function parsePack(raw: unknown, fileName: string): Pack {
  const rawFlows = raw !== null && typeof raw === 'object' ? (raw as { tradeFlows?: unknown }).tradeFlows : undefined;
  const flows = Array.isArray(rawFlows) && rawFlows.length > FLOWS_IN_PLACE ? (rawFlows as unknown[]) : null;
  const flowIssues: PackIssue[] = [];
  if (flows) {
    for (let i = 0; i < flows.length && flowIssues.length < MAX_FLOW_ISSUES; i++) {
      const checked = packTradeFlow.safeParse(flows[i]);
      if (checked.success) flows[i] = checked.data;
      else flowIssues.push(...issuesOf(checked.error, ['tradeFlows', i]));
    }
  }
  const result = packSchema.safeParse(flows ? { ...(raw as object), tradeFlows: [] } : raw);
  if (!result.success || flowIssues.length > 0) throw invalid(fileName, [...(result.success ? [] : issuesOf(result.error)), ...flowIssues]);
  if (flows) result.data.tradeFlows = flows as Pack['tradeFlows'];
  const issues = checkReferences(result.data);
  if (issues.length > 0) throw invalid(fileName, issues);
  return result.data;
}

/**
 * Counts a parsed pack's elements: the items of its collections and of the lists inside each item.
 * Done on the raw JSON before the schema runs, so an oversized pack is refused before it is copied.
 */
export function countElements(raw: unknown): number {
  if (raw === null || typeof raw !== 'object') return 0;
  let n = 0;
  for (const value of Object.values(raw)) {
    if (!Array.isArray(value)) continue;
    n += value.length;
    for (const item of value) {
      if (item === null || typeof item !== 'object') continue;
      for (const inner of Object.values(item as Record<string, unknown>)) if (Array.isArray(inner)) n += inner.length;
    }
  }
  return n;
}

function tooLarge(fileName: string, what: Said): ApiError {
  return new ApiError('invalid-pack', said('packTooLarge', { file: fileName, what }), {
    file: fileName,
  });
}

/** JSON containers (objects, arrays) a pack may hold: its elements, their dates, ranges and lists, briefing blocks' settings. */
const MAX_JSON_CONTAINERS = 4 * MAX_PACK_ELEMENTS;
/** JSON values (fields and list items) a pack may hold. */
const MAX_JSON_VALUES = 24 * MAX_PACK_ELEMENTS;
/** Deepest nesting of objects and arrays (a pack needs five or six levels; block settings a few more). */
const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  COMMA = 0x2c,
  OPEN_BRACE = 0x7b,
  OPEN_BRACKET = 0x5b,
  CLOSE_BRACE = 0x7d,
  CLOSE_BRACKET = 0x5d;

/**
 * Counts a JSON text's containers, values and depth from its bytes, before it is parsed: what the
 * parsed form will cost depends on them, not on the byte count (`[{},{},…]` is millions of objects
 * in a few megabytes). Strings are skipped (their escapes too). Returns what is over a limit, or null.
 */
export function jsonShapeProblem(bytes: Uint8Array): Said | null {
  let containers = 0;
  let values = 0;
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      containers++;
      values++;
      if (++depth > MAX_JSON_DEPTH) return said('packTooDeep', { limit: MAX_JSON_DEPTH });
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    } else if (b === COMMA) {
      values++;
    }
  }
  if (containers > MAX_JSON_CONTAINERS) return said('packTooManyContainers', { containers, limit: MAX_JSON_CONTAINERS });
  if (values > MAX_JSON_VALUES) return said('packTooManyValues', { values, limit: MAX_JSON_VALUES });
  return null;
}

/** Reads a pack file's bytes (at most maxBytes), reporting progress. */
function readBytes(path: string, fileName: string, maxBytes: number, options: ReadPackOptions): Buffer {
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > maxBytes) throw tooLarge(fileName, said('packTooManyBytes', { size: mib(size), limit: mib(maxBytes) }));
      const buffer = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, buffer, read, Math.min(READ_STEP, size - read), read);
        if (n === 0) break;
        read += n;
        options.onProgress?.({ phase: 'reading', bytesRead: read, bytesTotal: size, elements: 0, written: 0 });
      }
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('invalid-file', said('packUnreadable', { file: fileName, reason: (error as Error).message }), { file: fileName });
  }
}

/**
 * Reads, size-checks and parses a pack file. Throws `invalid-file`/`invalid-pack` naming the file
 * (and field). What parsing will cost is bounded before parsing: the file's size, then its JSON
 * shape (containers, values, depth); the elements are counted before the schema copies them.
 */
export function readPackFile(path: string, options: ReadPackOptions = {}): { pack: Pack } {
  const fileName = basename(path);
  const maxElements = options.maxElements ?? MAX_PACK_ELEMENTS;
  let size = 0;
  let raw: unknown;
  try {
    // The bytes and the text are temporaries of this expression: only the parsed form stays (memory).
    raw = JSON.parse(
      readText(path, fileName, options, (n) => {
        size = n;
      }),
    );
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('invalid-pack', said('packNotJson', { file: fileName, reason: (error as Error).message }), {
      file: fileName,
    });
  }
  const elements = countElements(raw);
  if (elements > maxElements) {
    throw tooLarge(fileName, said('packTooManyElements', { elements, limit: maxElements }));
  }
  options.onProgress?.({ phase: 'reading', bytesRead: size, bytesTotal: size, elements, written: 0 });
  return { pack: parsePack(raw, fileName) };
}

/** A pack file's text, once its size and JSON shape are within the limits. */
function readText(path: string, fileName: string, options: ReadPackOptions, onSize: (bytes: number) => void): string {
  const bytes = readBytes(path, fileName, options.maxBytes ?? MAX_PACK_BYTES, options);
  onSize(bytes.length);
  const shape = jsonShapeProblem(bytes);
  if (shape) throw tooLarge(fileName, shape);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError('invalid-pack', said('packNotUtf8', { file: fileName }), { file: fileName });
  }
}

/** Megabytes with one decimal, as text (the same digits in every language). */
function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** A key a pack refers to that it does not define, by what it should name. */
const UNKNOWN = {
  source: 'packUnknownSource',
  economy: 'packUnknownEconomy',
  place: 'packUnknownPlace',
  organisation: 'packUnknownOrganisation',
  sector: 'packUnknownSector',
  event: 'packUnknownEvent',
} as const satisfies Record<string, CoreMessageCode>;

function issue(path: string, text: Said): PackIssue {
  return { path, message: text.message, text: codeOf(text) };
}

function checkReferences(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  const keys = (items: { key: string }[], what: string): Set<string> => {
    const set = new Set<string>();
    items.forEach((item, i) => {
      if (set.has(item.key)) issues.push(issue(`${what}[${i}].key`, said('packDuplicateKey', { key: item.key })));
      set.add(item.key);
    });
    return set;
  };
  const sources = keys(pack.sources, 'sources');
  const places = keys(pack.places, 'places');
  const orgs = keys(pack.organisations, 'organisations');
  const sectors = keys(pack.sectors, 'sectors');
  const events = keys(pack.events, 'events');
  keys(pack.projects, 'projects');
  keys(pack.routes, 'routes');
  keys(pack.statements, 'statements');
  keys(pack.statedFigures, 'statedFigures');
  keys(pack.exportPlans, 'exportPlans');
  keys(pack.briefings, 'briefings');
  const economies = new Set(pack.economies.map((e) => e.code));
  const need = (set: Set<string>, value: string | undefined, path: string, what: keyof typeof UNKNOWN): void => {
    if (value !== undefined && !set.has(value)) issues.push(issue(path, said(UNKNOWN[what], { key: value })));
  };
  const needDate = (date: PackDate | undefined, path: string): void => {
    if (date?.precision === 'relative') need(sources, date.anchor, `${path}.anchor`, 'source');
  };
  pack.sources.forEach((s, i) => need(sources, s.citedIn, `sources[${i}].citedIn`, 'source'));
  pack.economies.forEach((e, i) => need(economies, e.parent, `economies[${i}].parent`, 'economy'));
  pack.places.forEach((p, i) => need(economies, p.economy, `places[${i}].economy`, 'economy'));
  pack.organisations.forEach((o, i) => need(economies, o.economy, `organisations[${i}].economy`, 'economy'));
  pack.tradeFlows.forEach((f, i) => {
    need(sources, f.source, `tradeFlows[${i}].source`, 'source');
    need(economies, f.reporter, `tradeFlows[${i}].reporter`, 'economy');
    need(economies, f.partner, `tradeFlows[${i}].partner`, 'economy');
  });
  pack.statedFigures.forEach((f, i) => {
    need(sources, f.source, `statedFigures[${i}].source`, 'source');
    need(economies, f.reporter, `statedFigures[${i}].reporter`, 'economy');
    need(economies, f.partner, `statedFigures[${i}].partner`, 'economy');
  });
  pack.sectors.forEach((s, i) => s.hs.forEach((h, j) => need(sources, h.source, `sectors[${i}].hs[${j}].source`, 'source')));
  pack.exportPlans.forEach((p, i) => {
    need(sources, p.source, `exportPlans[${i}].source`, 'source');
    need(orgs, p.organisation, `exportPlans[${i}].organisation`, 'organisation');
    need(economies, p.reporter, `exportPlans[${i}].reporter`, 'economy');
    need(economies, p.partner, `exportPlans[${i}].partner`, 'economy');
    p.sectors.forEach((s, j) => need(sectors, s, `exportPlans[${i}].sectors[${j}]`, 'sector'));
  });
  pack.events.forEach((e, i) => {
    need(sources, e.source, `events[${i}].source`, 'source');
    need(places, e.place, `events[${i}].place`, 'place');
    need(orgs, e.organiser, `events[${i}].organiser`, 'organisation');
    need(economies, e.country, `events[${i}].country`, 'economy');
    need(economies, e.region, `events[${i}].region`, 'economy');
    needDate(e.date, `events[${i}].date`);
  });
  pack.projects.forEach((p, i) => {
    need(sources, p.source, `projects[${i}].source`, 'source');
    need(economies, p.partner, `projects[${i}].partner`, 'economy');
    need(economies, p.counterpart, `projects[${i}].counterpart`, 'economy');
    need(events, p.signedAtEvent, `projects[${i}].signedAtEvent`, 'event');
    needDate(p.signed, `projects[${i}].signed`);
  });
  pack.routes.forEach((r, i) => {
    need(sources, r.source, `routes[${i}].source`, 'source');
    r.legs.forEach((l, j) => {
      need(places, l.from, `routes[${i}].legs[${j}].from`, 'place');
      need(places, l.to, `routes[${i}].legs[${j}].to`, 'place');
    });
  });
  pack.statements.forEach((s, i) => {
    need(sources, s.source, `statements[${i}].source`, 'source');
    s.claims?.forEach((c, j) => {
      need(economies, c.reporter, `statements[${i}].claims[${j}].reporter`, 'economy');
      need(economies, c.partner, `statements[${i}].claims[${j}].partner`, 'economy');
    });
  });
  if (pack.sectorFigures) keys(pack.sectorFigures, 'sectorFigures');
  pack.sectorFigures?.forEach((f, i) => {
    need(sources, f.source, `sectorFigures[${i}].source`, 'source');
    need(economies, f.reporter, `sectorFigures[${i}].reporter`, 'economy');
    need(economies, f.partner, `sectorFigures[${i}].partner`, 'economy');
    need(sectors, f.sector, `sectorFigures[${i}].sector`, 'sector');
  });
  return issues;
}

/** Columns of a date with precision, as stored (see 001_initial.sql). */
function dateColumns(date: PackDate | undefined, id: (key: string) => string) {
  if (!date) return { precision: null, value: null, part: null, anchor: null, weekday: null, relation: null, note: null };
  if (date.precision === 'relative') {
    return {
      precision: 'relative',
      value: date.month ?? null,
      part: date.part ?? null,
      anchor: id(date.anchor),
      weekday: WEEKDAY_INDEX[date.weekday],
      relation: date.relation,
      note: date.note ?? null,
    };
  }
  return {
    precision: date.precision,
    value: date.value,
    part: date.precision === 'month' ? (date.part ?? null) : null,
    anchor: null,
    weekday: null,
    relation: null,
    note: null,
  };
}

/** A claim's kind-specific fields as stored (see 007_claims_checkable_claims.sql). */
export function claimColumns(c: PackClaim): { measure: string; value: number | null; precision: number | null } {
  switch (c.kind) {
    case 'largest-partner':
      return { measure: c.flow, value: null, precision: null };
    case 'total-value':
      return { measure: c.measure, value: c.valueUsd, precision: c.precisionUsd };
    case 'share':
      return { measure: c.flow, value: c.share, precision: c.precision };
    case 'growth':
      return { measure: c.measure, value: c.rate, precision: c.precision };
  }
}

/** Tables holding a pack's rows, children first (briefings are the user's once loaded, so not here). */
/**
 * A pack's rows that a new version replaces (deleted, then inserted again). Its sources are updated in
 * place instead: deleting a source makes SQLite look for rows citing it, a scan of trade_flow per source
 * (no index leads with source_id), which beside millions of imported rows took seconds per reload.
 */
const PACK_TABLES = [
  'claim',
  'statement',
  'route',
  'project',
  'event',
  'export_plan',
  'sector_figure',
  'sector',
  'stated_figure',
  'trade_flow',
] as const;

/**
 * Loads a pack in one transaction. Loading the same content again writes nothing; a new version of
 * the pack replaces that pack's rows. Fails (writing nothing) if other data still cites rows it removes.
 */
export function loadPack(db: Db, pack: Pack, options: LoadPackOptions = {}): LoadPackResult {
  const contentHash = options.contentHash ?? hashPack(pack);
  const existing = db.prepare('SELECT version, content_hash FROM pack WHERE id = ?').get(pack.id) as
    { version: string; content_hash: string } | undefined;
  const counts: Record<string, number> = {};
  if (existing?.content_hash === contentHash) return { packId: pack.id, version: pack.version, changed: false, counts };

  const id = (key: string): string => `${pack.id}:${key}`;
  const elements = countElements(pack);
  let written = 0;
  const tick = (): void => {
    if (++written % WRITE_STEP !== 0) return;
    if (options.isCancelled?.()) throw new ApiError('cancelled', said('packCancelled', { pack: pack.id }));
    options.onProgress?.({ phase: 'committing', bytesRead: 0, bytesTotal: 0, elements, written });
  };
  const count = (table: string, n = 1): void => {
    counts[table] = (counts[table] ?? 0) + n;
    tick();
  };

  const write = db.transaction(() => {
    options.beforeWrite?.();
    const at = new Date().toISOString();
    const before = statesBefore(db, pack);
    db.pragma('defer_foreign_keys = ON');
    db.prepare(
      `INSERT INTO pack (id, version, title, content_hash, loaded_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title,
                content_hash = excluded.content_hash, loaded_at = excluded.loaded_at`,
    ).run(pack.id, pack.version, pack.title, contentHash, new Date().toISOString());
    applyToHsSummary(db, { packId: pack.id }, -1);
    removeYearCodes(db, { packId: pack.id });
    applyPackFlowCounts(db, pack.id, -1);
    for (const table of PACK_TABLES) db.prepare(`DELETE FROM ${table} WHERE pack_id = ?`).run(pack.id);

    const upsertSource = db.prepare(`INSERT INTO source (id, pack_id, label, publisher, title, published_precision, published_value,
      published_note, url, note, cited_in_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET pack_id = excluded.pack_id, label = excluded.label, publisher = excluded.publisher, title = excluded.title,
      published_precision = excluded.published_precision, published_value = excluded.published_value, published_note = excluded.published_note,
      url = excluded.url, note = excluded.note, cited_in_id = excluded.cited_in_id`);
    for (const s of pack.sources) {
      upsertSource.run(
        id(s.key),
        pack.id,
        s.label,
        s.publisher,
        s.title,
        s.published?.precision ?? null,
        s.published?.value ?? null,
        s.publishedNote ?? null,
        s.url ?? null,
        s.note ?? null,
        s.citedIn ? id(s.citedIn) : null,
      );
      count('sources');
    }
    // Economies, places and organisations are shared reference data: upserted, never deleted by a pack.
    const upsertEconomy = db.prepare(`INSERT INTO economy (code, name, kind, parent_code, region_label) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent_code = excluded.parent_code,
      region_label = coalesce(excluded.region_label, economy.region_label)`);
    for (const e of pack.economies) {
      upsertEconomy.run(e.code, e.name, e.kind, e.parent ?? null, e.regionLabel ?? null);
      tick();
    }
    const upsertPlace = db.prepare(`INSERT INTO place (id, name, kind, economy_code, note) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, economy_code = excluded.economy_code, note = excluded.note`);
    for (const p of pack.places) upsertPlace.run(id(p.key), p.name, p.kind, p.economy, p.note ?? null);
    const upsertOrg = db.prepare(`INSERT INTO organisation (id, name, short_name, economy_code) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, economy_code = excluded.economy_code`);
    for (const o of pack.organisations) upsertOrg.run(id(o.key), o.name, o.shortName ?? null, o.economy ?? null);

    const insertFlow = db.prepare(`INSERT INTO trade_flow (reporter, partner, year, month, flow, product_code, value_usd, series,
      source_id, pack_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const f of pack.tradeFlows) {
      insertFlow.run(
        f.reporter,
        f.partner,
        f.year,
        f.month ?? null,
        f.flow,
        f.productCode,
        f.valueUsd,
        f.series,
        id(f.source),
        pack.id,
        f.note ?? null,
      );
      count('tradeFlows');
    }
    applyToHsSummary(db, { packId: pack.id }, 1);
    writeYearCodes(db, { packId: pack.id });
    applyPackFlowCounts(db, pack.id, 1);
    tradeRowsChanged(db);
    const insertStated = db.prepare(`INSERT INTO stated_figure (id, reporter, partner, year, measure, value_usd, source_id, pack_id, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const f of pack.statedFigures) {
      insertStated.run(id(f.key), f.reporter, f.partner, f.year, f.measure, f.valueUsd, id(f.source), pack.id, f.note ?? null);
      count('statedFigures');
    }
    const insertSector = db.prepare('INSERT INTO sector (id, name, description, pack_id) VALUES (?, ?, ?, ?)');
    const insertSectorHs = db.prepare('INSERT INTO sector_hs (sector_id, hs_code, description, source_id, note) VALUES (?, ?, ?, ?, ?)');
    for (const s of pack.sectors) {
      insertSector.run(id(s.key), s.name, s.description ?? null, pack.id);
      for (const h of s.hs) insertSectorHs.run(id(s.key), h.code, h.description ?? null, h.source ? id(h.source) : null, h.note ?? null);
      count('sectors');
    }
    const insertSectorFigure =
      db.prepare(`INSERT INTO sector_figure (id, reporter, partner, year, flow, label, hs_note, sector_id, value_usd,
      period_note, unit_inferred, source_id, pack_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const f of pack.sectorFigures ?? []) {
      insertSectorFigure.run(
        id(f.key),
        f.reporter,
        f.partner,
        f.year,
        f.flow,
        f.label,
        f.hsNote,
        f.sector ? id(f.sector) : null,
        f.valueUsd,
        f.periodNote ?? null,
        f.unitInferred ? 1 : 0,
        id(f.source),
        pack.id,
        f.note ?? null,
      );
      count('sectorFigures');
    }
    const insertPlan = db.prepare(`INSERT INTO export_plan (id, title, reporter, partner, organisation_id, source_id, pack_id)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insertPlanSector = db.prepare('INSERT INTO export_plan_sector (plan_id, sector_id, position) VALUES (?, ?, ?)');
    for (const p of pack.exportPlans) {
      insertPlan.run(id(p.key), p.title, p.reporter, p.partner, p.organisation ? id(p.organisation) : null, id(p.source), pack.id);
      p.sectors.forEach((s, i) => insertPlanSector.run(id(p.key), id(s), i + 1));
      count('exportPlans');
    }
    const insertEvent = db.prepare(`INSERT INTO event (id, kind, title, place_id, place_text, country_code, region_code, organiser_id,
      date_precision, date_value, date_part, rel_anchor_id, rel_weekday, rel_relation, rel_note, note, source_id, pack_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertEventSector = db.prepare('INSERT INTO event_sector (event_id, label) VALUES (?, ?)');
    for (const e of pack.events) {
      const d = dateColumns(e.date, id);
      insertEvent.run(
        id(e.key),
        e.kind,
        e.title,
        e.place ? id(e.place) : null,
        e.placeText ?? null,
        e.country ?? null,
        e.region ?? null,
        e.organiser ? id(e.organiser) : null,
        d.precision,
        d.value,
        d.part,
        d.anchor,
        d.weekday,
        d.relation,
        d.note,
        e.note ?? null,
        id(e.source),
        pack.id,
      );
      for (const label of e.sectors) insertEventSector.run(id(e.key), label);
      count('events');
    }
    const insertProject = db.prepare(`INSERT INTO project (id, title, project_count, partner_code, counterpart_code, status,
      signed_precision, signed_value, signed_part, signed_event_id, value_usd, split_reported, note, source_id, pack_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertField = db.prepare('INSERT INTO project_field (project_id, field, position) VALUES (?, ?, ?)');
    for (const p of pack.projects) {
      const d = dateColumns(p.signed, id);
      insertProject.run(
        id(p.key),
        p.title,
        p.count,
        p.partner,
        p.counterpart ?? null,
        p.status,
        d.precision,
        d.value,
        d.part,
        p.signedAtEvent ? id(p.signedAtEvent) : null,
        p.valueUsd ?? null,
        p.splitReported ? 1 : 0,
        p.note ?? null,
        id(p.source),
        pack.id,
      );
      p.fields.forEach((f, i) => insertField.run(id(p.key), f, i + 1));
      count('projects');
    }
    const insertRoute =
      db.prepare(`INSERT INTO route (id, name, transit_days_min, transit_days_max, transit_basis, note, source_id, pack_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertLeg = db.prepare(
      'INSERT INTO route_leg (route_id, position, mode, from_place_id, to_place_id, label) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const r of pack.routes) {
      insertRoute.run(
        id(r.key),
        r.name,
        r.transitDays?.min ?? null,
        r.transitDays?.max ?? null,
        r.transitBasis ?? null,
        r.note ?? null,
        id(r.source),
        pack.id,
      );
      r.legs.forEach((l, i) => insertLeg.run(id(r.key), i + 1, l.mode, id(l.from), id(l.to), l.label ?? null));
      count('routes');
    }
    const insertStatement = db.prepare('INSERT INTO statement (id, kind, text, source_id, pack_id) VALUES (?, ?, ?, ?, ?)');
    const insertClaim =
      db.prepare(`INSERT INTO claim (id, statement_id, position, kind, reporter, partner, year, year_stated, measure, value,
      value_precision, note, pack_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const s of pack.statements) {
      insertStatement.run(id(s.key), s.kind, s.text, id(s.source), pack.id);
      count('statements');
      s.claims?.forEach((c, i) => {
        const row = claimColumns(c);
        insertClaim.run(
          `${id(s.key)}:${i + 1}`,
          id(s.key),
          i + 1,
          c.kind,
          c.reporter,
          c.partner,
          c.year,
          c.yearStated === false ? 0 : 1,
          row.measure,
          row.value,
          row.precision,
          c.note ?? null,
          pack.id,
        );
        count('claims');
      });
    }
    // A pack's briefings are created once; after that they belong to the user and are never overwritten.
    const now = new Date().toISOString();
    const insertBriefing =
      db.prepare(`INSERT OR IGNORE INTO briefing (id, title, audience, dated_on, classification, created_at, updated_at, pack_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertBlock = db.prepare('INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES (?, ?, ?, ?, ?)');
    for (const b of pack.briefings) {
      const created = insertBriefing.run(id(b.key), b.title, b.audience, b.datedOn ?? null, b.classification, now, now, pack.id);
      if (created.changes === 0) continue;
      b.blocks.forEach((block, i) => insertBlock.run(`${id(b.key)}:${i + 1}`, id(b.key), i + 1, block.kind, JSON.stringify(block.config)));
      count('briefings');
    }
    // Sources the new version no longer has (the commit fails if other data still cites one).
    const kept = new Set(pack.sources.map((s) => id(s.key)));
    const deleteSource = db.prepare('DELETE FROM source WHERE id = ?');
    for (const stale of db.prepare('SELECT id FROM source WHERE pack_id = ?').pluck().all(pack.id) as string[]) {
      if (!kept.has(stale)) deleteSource.run(stale);
    }
    const userName = options.userName ?? 'pack loader';
    logChangesSince(db, before, userName, at);
    if (existing) {
      db.prepare('INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        at,
        userName,
        'update',
        'pack',
        pack.id,
        JSON.stringify({ version: existing.version, contentHash: existing.content_hash }),
        JSON.stringify({ version: pack.version, contentHash, counts }),
      );
    }
    options.onProgress?.({ phase: 'committing', bytesRead: 0, bytesTotal: 0, elements, written });
  });

  try {
    write.immediate();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new ApiError('conflict', said('packReloadConflict', { pack: pack.id }));
    }
    throw error;
  }
  return { packId: pack.id, version: pack.version, changed: true, counts };
}

/**
 * SHA-256 of `JSON.stringify(pack)`, fed one collection item at a time: the same digest without
 * building the whole text of a large pack again.
 */
export function hashPack(pack: Pack): string {
  const hash = createHash('sha256');
  hash.update('{');
  let first = true;
  for (const [key, value] of Object.entries(pack)) {
    if (value === undefined) continue;
    hash.update(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (Array.isArray(value)) {
      hash.update('[');
      value.forEach((item, i) => hash.update(`${i > 0 ? ',' : ''}${JSON.stringify(item) ?? 'null'}`));
      hash.update(']');
    } else {
      hash.update(JSON.stringify(value));
    }
  }
  return hash.update('}').digest('hex');
}
