/**
 * A pair's annual HS-level figures by flow, year and source (table hs_year_codes, migration 013): every
 * annual trade_flow row with an HS code (2, 4 or 6 digits, any series), grouped by the import or pack that
 * wrote them. Top products reads a year and the year before from here (db/products/sql.ts). The codes and
 * their values are stored in one of two forms, read alike:
 * - as two JSON arrays (text), written by SQL (json_group_array): packs, the migration's backfill, an import
 *   whose file repeated a row;
 * - as two little-endian blobs, codes as 32-bit integers (the digits, and the code's length above bit 20, so
 *   leading zeros are kept) and values as 64-bit floats: an import writes these while it stages the file's
 *   rows (`ImportYearCodes`), in parts so that memory stays bounded; building JSON text there cost the
 *   import about a tenth more CPU.
 * Every write path keeps the table in step inside its own transaction:
 * - an import (above); undo deletes the import's rows; a pack removes its rows before deleting its figures and writes them
 *   again from its new figures (`writeYearCodes`, one GROUP BY over the rows in scope).
 * Never a trigger per trade_flow row (see hs-summary.ts).
 */
import { ApiError } from '../common/errors.ts';
import type { Db } from '../open.ts';
import { preparedOnce } from './chosen.ts';
import { FIRST_YEAR, FLOWS, LAST_YEAR } from '../common/vocabulary.ts';

const INSERT = 'INSERT INTO hs_year_codes (reporter, partner, flow, year, source_id, import_id, pack_id, codes, amounts)';

/** Which trade_flow rows to write: a range of row ids (the rows an import added), or a pack's rows. */
export type YearCodesScope = { rowsFrom: number; rowsTo: number } | { packId: string };

/** Writes the annual HS figures of the rows in scope, one row per pair, flow, year and source. Call inside a transaction. */
export function writeYearCodes(db: Db, scope: YearCodesScope): void {
  const where = 'packId' in scope ? 'pack_id = :packId' : 'id BETWEEN :rowsFrom AND :rowsTo';
  db.prepare(
    `${INSERT} SELECT reporter, partner, flow, year, source_id, import_id, pack_id, json_group_array(product_code), json_group_array(value_usd)
    FROM trade_flow WHERE ${where} AND month IS NULL AND product_code <> 'TOTAL'
    GROUP BY reporter, partner, flow, year, source_id, import_id, pack_id`,
  ).run(scope);
}

/** Deletes the rows an import or a pack wrote. Call inside a transaction. */
export function removeYearCodes(db: Db, owner: { importId: number } | { packId: string }): void {
  if ('importId' in owner) db.prepare('DELETE FROM hs_year_codes WHERE import_id = ?').run(owner.importId);
  else db.prepare('DELETE FROM hs_year_codes WHERE pack_id = ?').run(owner.packId);
}

/** Figures held in memory before they are written as parts (a few MB). */
const HELD_LIMIT = 1 << 16;

/** A pair's flow and year as a number below SLOTS_PER_PAIR (valid flows and years only). */
const SLOTS_PER_PAIR = 1024;
const PARTS_AT_FIRST = 1024;

/** A copy of twice the length. */
function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(array.length * 2);
  out.set(array);
  return out;
}

/**
 * The annual HS figures of one import, gathered while its file is staged and written in parts of at most
 * HELD_LIMIT figures in all. What it holds lives in arrays kept for the whole import: an object kept from one
 * write of parts to the next (a part, a pair's table of years) outlives the young generation's collections
 * and is promoted to the old generation, which V8 lets grow to hundreds of MB before it collects it: such
 * objects, garbage soon after, grew a 5-million-row import's heap by over 100 MB. Per row, a part is found by
 * a number (the pair's index, its flow and year) in a map of numbers; a string is built only when the
 * pair changes. If the file held the same row twice, the caller removes the parts (`removeYearCodes`)
 * and writes the rows actually added (`writeYearCodes`).
 */
export class ImportYearCodes {
  /** Each figure's code as a number: its digits, and its length above bit 20 (codes keep their leading zeros). */
  readonly #codes = new Int32Array(HELD_LIMIT);
  readonly #amounts = new Float64Array(HELD_LIMIT);
  readonly #figurePart = new Int32Array(HELD_LIMIT);
  #held = 0;
  /**
   * Parts (a pair, flow and year) of the figures held: a few hundred in a usual file, so these start small and
   * double when a file needs more (never shrunk, so they are reallocated a few times per import at most).
   */
  #partPair = new Int32Array(PARTS_AT_FIRST);
  #partYear = new Int32Array(PARTS_AT_FIRST);
  /** Figures per part, then (while writing) where each part ends in the written order. */
  #partEnd = new Int32Array(PARTS_AT_FIRST);
  /** While writing: where the next figure of each part goes. */
  #partNext = new Int32Array(PARTS_AT_FIRST);
  readonly #partFlow: string[] = [];
  #partCount = 0;
  /** A part's index by its pair's index × SLOTS_PER_PAIR + its flow and year. */
  readonly #partBySlot = new Map<number, number>();
  /** A flow or year trade_flow refuses (the import fails when its row is staged): a part by its pair, flow and year. */
  readonly #partByName = new Map<string, number>();
  readonly #pairReporter: string[] = [];
  readonly #pairPartner: string[] = [];
  readonly #pairByName = new Map<string, number>();
  #pairCount = 0;
  #reporter = '';
  #partner = '';
  #pair = -1;
  readonly #insert;
  readonly #sourceId: string;
  readonly #importId: number;

  constructor(db: Db, sourceId: string, importId: number) {
    this.#sourceId = sourceId;
    this.#importId = importId;
    this.#insert = db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`);
  }

  #newPart(flow: string, year: number): number {
    const part = this.#partCount++;
    if (part === this.#partEnd.length) {
      this.#partPair = grown(this.#partPair);
      this.#partYear = grown(this.#partYear);
      this.#partEnd = grown(this.#partEnd);
      this.#partNext = new Int32Array(this.#partEnd.length);
    }
    this.#partPair[part] = this.#pair;
    this.#partYear[part] = year;
    this.#partFlow[part] = flow;
    this.#partEnd[part] = 0;
    return part;
  }

  add(reporter: string, partner: string, product: string, year: number, month: number | null, flow: string, value: number): void {
    if (month !== null || product === 'TOTAL') return;
    // Files come sorted by pair, period or product, so a row often belongs to the pair of the row before.
    if (this.#pair < 0 || reporter !== this.#reporter || partner !== this.#partner) {
      const key = `${reporter}\t${partner}`;
      let pair = this.#pairByName.get(key);
      if (pair === undefined) {
        pair = this.#pairCount++;
        this.#pairByName.set(key, pair);
        this.#pairReporter[pair] = reporter;
        this.#pairPartner[pair] = partner;
      }
      this.#pair = pair;
      this.#reporter = reporter;
      this.#partner = partner;
    }
    const f = (FLOWS as readonly string[]).indexOf(flow);
    let part: number | undefined;
    if (f >= 0 && year >= FIRST_YEAR && year <= LAST_YEAR) {
      const slot = this.#pair * SLOTS_PER_PAIR + (year - FIRST_YEAR) * FLOWS.length + f;
      part = this.#partBySlot.get(slot);
      if (part === undefined) this.#partBySlot.set(slot, (part = this.#newPart(FLOWS[f]!, year)));
    } else {
      const key = `${this.#pair}\t${flow}\t${year}`;
      part = this.#partByName.get(key);
      if (part === undefined) this.#partByName.set(key, (part = this.#newPart(flow, year)));
    }
    const i = this.#held;
    // Codes are digits only: the staging table refuses any other, and with it the import.
    this.#codes[i] = (product.length << 20) | Number(product);
    this.#amounts[i] = value;
    this.#figurePart[i] = part;
    this.#partEnd[part]!++;
    if (++this.#held === HELD_LIMIT) this.flush();
  }

  /** Writes the figures held, one row per part (call once more after the last row). */
  flush(): void {
    const parts = this.#partCount;
    const end = this.#partEnd;
    const next = this.#partNext;
    const codes = this.#codes;
    const amounts = this.#amounts;
    const partOf = this.#figurePart;
    // The figures put in the order of their parts in place (a counting sort that swaps, so no second set of
    // arrays): each part's count becomes its range [next, end), and a figure found in another part's range
    // is swapped into the next free place of its own.
    for (let k = 0, start = 0; k < parts; k++) {
      next[k] = start;
      start += end[k]!;
      end[k] = start;
    }
    for (let k = 0; k < parts; k++) {
      while (next[k]! < end[k]!) {
        const i = next[k]!;
        const p = partOf[i]!;
        if (p === k) {
          next[k]!++;
          continue;
        }
        const j = next[p]!++;
        const code = codes[i]!;
        const amount = amounts[i]!;
        codes[i] = codes[j]!;
        amounts[i] = amounts[j]!;
        partOf[i] = partOf[j]!;
        codes[j] = code;
        amounts[j] = amount;
        partOf[j] = p;
      }
    }
    for (let k = 0, start = 0; k < parts; k++) {
      const pair = this.#partPair[k]!;
      const codesOfPart = Buffer.from(codes.buffer, start * 4, (end[k]! - start) * 4);
      const amountsOfPart = Buffer.from(amounts.buffer, start * 8, (end[k]! - start) * 8);
      this.#insert.run(
        this.#pairReporter[pair],
        this.#pairPartner[pair],
        this.#partFlow[k],
        this.#partYear[k],
        this.#sourceId,
        this.#importId,
        codesOfPart,
        amountsOfPart,
      );
      start = end[k]!;
    }
    this.#partCount = 0;
    this.#partBySlot.clear();
    this.#partByName.clear();
    this.#pairCount = 0;
    this.#pairByName.clear();
    this.#pair = -1;
    this.#held = 0;
  }
}

/** One source's annual HS figure of a pair and flow. */
export interface YearCodeRow {
  product_code: string;
  year: number;
  value_usd: number;
  source_id: string;
}

const READ_SQL = `SELECT year, source_id, codes, amounts FROM hs_year_codes
  WHERE reporter = :reporter AND partner = :partner AND flow = :flow AND year IN (:year, :year - 1)`;

/**
 * Every source's annual HS figures of the pair and flow in `year` and the year before whose code is in
 * [lo, hi), sorted by code, then year, then source.
 */
export function yearCodeRows(
  db: Db,
  scope: { reporter: string; partner: string; flow: string; year: number; lo: string; hi: string },
): YearCodeRow[] {
  const parts = preparedOnce(db, READ_SQL).all(scope) as { year: number; source_id: string; codes: unknown; amounts: unknown }[];
  const out: YearCodeRow[] = [];
  const all = scope.lo <= '0' && scope.hi >= ':';
  for (const p of parts) {
    const figures = decode(p.codes, p.amounts);
    if (figures === null) {
      throw new ApiError(
        'corrupt-database',
        `The database is damaged: the HS figures kept for ${scope.reporter}–${scope.partner} ${scope.flow} ${p.year} (${p.source_id}) cannot be read.`,
      );
    }
    const [codes, amounts] = figures;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (all || (code >= scope.lo && code < scope.hi))
        out.push({ product_code: code, year: p.year, value_usd: amounts[i]!, source_id: p.source_id });
    }
  }
  return out.sort((a, b) =>
    a.product_code < b.product_code
      ? -1
      : a.product_code > b.product_code
        ? 1
        : a.year - b.year || (a.source_id < b.source_id ? -1 : a.source_id > b.source_id ? 1 : 0),
  );
}

/** A part's codes and values, from either form (JSON text or little-endian blobs); null when damaged. */
function decode(codes: unknown, amounts: unknown): [string[], number[]] | null {
  if (typeof codes === 'string' && typeof amounts === 'string') {
    try {
      const c = JSON.parse(codes) as unknown;
      const a = JSON.parse(amounts) as unknown;
      const ok =
        Array.isArray(c) &&
        Array.isArray(a) &&
        c.length === a.length &&
        c.every((x) => typeof x === 'string') &&
        a.every((x) => typeof x === 'number');
      return ok ? [c as string[], a as number[]] : null;
    } catch {
      return null;
    }
  }
  if (!(codes instanceof Uint8Array) || !(amounts instanceof Uint8Array)) return null;
  const n = codes.byteLength / 4;
  if (!Number.isInteger(n) || amounts.byteLength !== n * 8) return null;
  const c = new DataView(codes.buffer, codes.byteOffset, codes.byteLength);
  const a = new DataView(amounts.buffer, amounts.byteOffset, amounts.byteLength);
  const outCodes = new Array<string>(n);
  const outAmounts = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const code = c.getInt32(i * 4, true);
    const digits = code >> 20;
    if (digits !== 2 && digits !== 4 && digits !== 6) return null;
    outCodes[i] = String(code & 0xfffff).padStart(digits, '0');
    outAmounts[i] = a.getFloat64(i * 8, true);
  }
  return [outCodes, outAmounts];
}
