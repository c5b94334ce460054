/**
 * One pass over a file's rows, shared by the preview, the import and the import's reading thread:
 * every row mapped and checked (formats.ts), skips and problems tallied, every byte hashed, and
 * the valid rows handed on in batches.
 *
 * `scanInline` runs the pass in the calling thread. `scanInThread` runs the very same pass in a
 * second worker thread and hands its batches over as they come, so that reading and checking a
 * large file overlaps with writing its rows (each takes about as long as the other). Both are
 * synchronous generators: the caller (the importer, itself in a worker thread) blocks on
 * Atomics.wait for the next batch, and the reading thread stops when it is 16 batches ahead.
 */
import { createHash } from 'node:crypto';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ApiError, type ApiErrorShape } from '../common/errors.ts';
import type { ColumnMapping, ImportFormat, ImportProblem, SkippedRows, WideFigures } from './contract.ts';
import { said, type Said } from '../common/core-messages.ts';
import { createMapper, INVALID, OK, type MapSink, type MappedRow } from './formats.ts';
import { isWideMapping } from '../common/import-layouts.ts';
import { controlCharacterAt, type TextEncodingName } from './reading.ts';
import { openTable, readError } from './table.ts';
import { workerFile } from './worker-file.ts';

export const MAX_PROBLEMS = 100;
/** Values per valid row in a batch: reporter, partner, year, month, flow, product, value. */
export const ROW_FIELDS = 7;
/**
 * Flows in a batch at most. A batch was a chunk's flows, and a chunk of a wide file gives twice a long file's: the
 * heap of the thread that stages them grew about 35 MB more (tests/bench/import-wide.ts, 2 million wide rows: peak
 * 242 MB, 201 MB with this cap; the same figures in a long file 201 and 183 MB). Why the larger arrays cost that much
 * more was not traced.
 */
export const MAX_BATCH_FLOWS = 1024;

/** What to read and how: decided beforehand from the header (and the remembered column mapping). */
export interface ScanSetup {
  path: string;
  format: ImportFormat;
  mapping: ColumnMapping | undefined;
  sheet: string | undefined;
  chunkSize: number | undefined;
  /** Economies the database has: names the file gives them are not collected. */
  known: string[];
  /** A CSV file's encoding as the user chose it. */
  encoding?: TextEncodingName | undefined;
  /** The header's line or row as the user chose it. */
  headerRow?: number | undefined;
  /** A preview's bounds: the pass stops after the batch that reaches either (the report says it covers part of the file). */
  stopAfter?: { bytes: number; ms: number } | undefined;
}

export interface ValidBatch {
  /** ROW_FIELDS values per flow of the valid rows (a wide file's row gives up to two). */
  rows: (string | number | null)[];
  /** Flows in `rows`. */
  count: number;
  /** Names the file gives economies first met in this batch: [code, name]. */
  names: [string, string][];
  /** Invalid rows so far. */
  invalid: number;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  rowsValid: number;
}

export interface ScanEnd {
  rowsRead: number;
  /** Rows without problems that give a flow (a wide file's: one or two). */
  rowsValid: number;
  problems: ImportProblem[];
  problemCount: number;
  skipped: SkippedRows[];
  fileHash: string;
  bytesRead: number;
  totalBytes: number;
  /** The first ten rows as read (for the preview). */
  sampleRows: string[][];
  /** false: the pass stopped at `stopAfter` (fileHash is then empty: only part of the file was hashed). */
  complete: boolean;
  /** A wide file's figures by flow; null for a long file. */
  wide: WideFigures | null;
}

export type Scan = Generator<ValidBatch, ScanEnd, void>;

const NOT_REPORTED = said('skipNotReported').message;

export function cancelled(): ApiError {
  return new ApiError('cancelled', said('importCancelled'));
}

/** Counts per reason, problems kept up to MAX_PROBLEMS, names of economies the file gives. */
class Tally implements MapSink {
  line = 0;
  problems: ImportProblem[] = [];
  problemCount = 0;
  /** By the reason's English sentence. */
  readonly skipped = new Map<string, { said: Said | null; count: number }>();
  readonly #named = new Set<string>();
  #newNames: [string, string][] = [];
  readonly #known: Set<string>;

  constructor(known: Set<string>) {
    this.#known = known;
  }

  skip(reason: Said): void {
    this.#count(reason.message, reason);
  }

  /** A row with problems, counted under 'invalid'. */
  invalid(): void {
    this.#count('invalid', null);
  }

  #count(key: string, reason: Said | null): void {
    const entry = this.skipped.get(key);
    if (entry) entry.count++;
    else this.skipped.set(key, { said: reason, count: 1 });
  }

  problem(column: string, value: string, message: Said): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line: this.line, column, value: value.slice(0, 200), ...message });
  }

  economy(code: string, name: string): void {
    // A name with a control character is never stored (the row mappers report it as a problem).
    if (this.#known.has(code) || this.#named.has(code) || name.trim() === '' || controlCharacterAt(name) >= 0) return;
    this.#named.add(code);
    this.#newNames.push([code, name.trim()]);
  }

  /** Names met since the last call. */
  takeNames(): [string, string][] {
    const names = this.#newNames;
    this.#newNames = [];
    return names;
  }

  /** Rows of a wide file with both value cells empty (skipped: nothing reported). */
  notReportedRows(): number {
    return this.skipped.get(NOT_REPORTED)?.count ?? 0;
  }

  skippedList(): SkippedRows[] {
    return [...this.skipped]
      .map(([reason, { said, count }]): SkippedRows =>
        said ? { reason, count, reasonCode: said.messageCode, params: said.params } : { reason, count },
      )
      .sort((a, b) => b.count - a.count);
  }
}

/** A wide file's counts: each mapped column's figures, and its empty cells in the `rows` rows without problems. */
function wideFigures(mapping: ColumnMapping | undefined, rows: number, exports: number, imports: number): WideFigures {
  return {
    exports: mapping?.exports !== undefined ? { figures: exports, notReported: rows - exports } : null,
    imports: mapping?.imports !== undefined ? { figures: imports, notReported: rows - imports } : null,
  };
}

/** The pass in the calling thread. */
export function* scanInline(setup: ScanSetup, isCancelled?: () => boolean): Scan {
  const checkpoint = (): void => {
    if (isCancelled?.()) throw cancelled();
  };
  const reader = openTable(setup.path, {
    chunkSize: setup.chunkSize,
    sheet: setup.sheet,
    encoding: setup.encoding,
    headerRow: setup.headerRow,
    checkpoint,
  });
  const started = performance.now();
  const hash = createHash('sha256');
  // Every byte read is hashed, the header's included (registered before anything is read).
  reader.onChunk((chunk) => hash.update(chunk));
  try {
    const header = reader.header;
    const mapper = createMapper(setup.format, header, { decimalComma: reader.delimiter === ';', mapping: setup.mapping });
    const tally = new Tally(new Set(setup.known));
    const out: MappedRow = { reporter: '', partner: '', year: 0, month: null, flow: 'export', product: '', value: 0, importValue: null };
    const wide = isWideMapping(setup.mapping);
    let exportFigures = 0;
    let importFigures = 0;
    const sampleRows: string[][] = [];
    let rowsRead = 0;
    let rowsValid = 0;
    let invalid = 0;
    let complete = true;
    let rows: (string | number | null)[] = [];
    let count = 0;
    const take = (): ValidBatch => {
      const batch = {
        rows,
        count,
        names: tally.takeNames(),
        invalid,
        bytesRead: reader.bytesRead,
        totalBytes: reader.totalBytes,
        rowsRead,
        rowsValid,
      };
      rows = [];
      count = 0;
      return batch;
    };
    for (const batch of reader.batches()) {
      if (isCancelled?.()) throw cancelled();
      for (const row of batch) {
        // A chunk of a wide file gives twice the flows of a long one: its batch is cut at the same size (a row gives two at most).
        if (count > MAX_BATCH_FLOWS - 2) yield take();
        rowsRead++;
        if (sampleRows.length < 10) sampleRows.push(row.fields.slice(0, header.length));
        tally.line = row.line;
        const status = mapper(row.fields, out, tally);
        if (status === OK) {
          rows.push(out.reporter, out.partner, out.year, out.month, out.flow, out.product, out.value);
          count++;
          rowsValid++;
          if (wide) {
            // A wide row's second flow goes the same way as any other: staged, then counted once by the natural key.
            if (out.flow === 'export') exportFigures++;
            else importFigures++;
            if (out.importValue !== null) {
              rows.push(out.reporter, out.partner, out.year, out.month, 'import', out.product, out.importValue);
              count++;
              importFigures++;
            }
          }
        } else if (status === INVALID) {
          invalid++;
          tally.invalid();
        }
      }
      yield take();
      const stop = setup.stopAfter;
      if (stop && reader.bytesRead < reader.totalBytes && (reader.bytesRead >= stop.bytes || performance.now() - started >= stop.ms)) {
        complete = false;
        break;
      }
    }
    return {
      rowsRead,
      rowsValid,
      problems: tally.problems,
      problemCount: tally.problemCount,
      skipped: tally.skippedList(),
      fileHash: complete ? hash.digest('hex') : '',
      bytesRead: reader.bytesRead,
      totalBytes: reader.totalBytes,
      sampleRows,
      complete,
      wide: wide ? wideFigures(setup.mapping, rowsValid + tally.notReportedRows(), exportFigures, importFigures) : null,
    };
  } catch (error) {
    throw readError(setup.path, error);
  } finally {
    reader.close();
  }
}

// ---- The same pass in a reading thread ----

/** Batches the reading thread may post before the importer has taken them. */
const MAX_AHEAD = 16;
/** Without a batch for this long, the reading thread is taken for dead. */
const STALL_MS = 120_000;
/** Slots of the shared control array. */
const POSTED = 0;
const TAKEN = 1;

type ScanMessage = { kind: 'batch'; batch: ValidBatch } | { kind: 'end'; end: ScanEnd } | { kind: 'error'; error: ApiErrorShape };

export interface ScanWorkerInput {
  kind: 'scan';
  setup: ScanSetup;
  control: SharedArrayBuffer;
  port: MessagePort;
}

/** The pass in a worker thread of its own; see the module comment. */
export function* scanInThread(setup: ScanSetup, isCancelled?: () => boolean): Scan {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const input: ScanWorkerInput = { kind: 'scan', setup, control: control.buffer as SharedArrayBuffer, port: port2 };
  // A bounded young generation: the pass makes short-lived strings only. At 8 MB the strict decoding and
  // the record pieces kept between chunks spent a third of the thread's time collecting (1.3 s of 3.7 s for
  // 1M rows, and the import waited on it); at 32 MB it is back to ~0.1 s, for ~30 MB more peak memory.
  // The old generation may hold a workbook's shared strings.
  const worker = new Worker(workerFile(), {
    workerData: input,
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  });
  worker.unref();
  let taken = 0;
  try {
    for (;;) {
      const message = nextMessage(port1, control, isCancelled);
      if (message.kind === 'end') return message.end;
      if (message.kind === 'error') throw ApiError.from(message.error);
      Atomics.store(control, TAKEN, ++taken);
      Atomics.notify(control, TAKEN);
      yield message.batch;
    }
  } finally {
    port1.close();
    void worker.terminate();
  }
}

function nextMessage(port: MessagePort, control: Int32Array, isCancelled: (() => boolean) | undefined): ScanMessage {
  let waited = 0;
  for (;;) {
    // Read the counter before looking: a batch posted in between changes it, so the wait returns at once.
    const posted = Atomics.load(control, POSTED);
    const received = receiveMessageOnPort(port);
    if (received) return received.message as ScanMessage;
    if (isCancelled?.()) throw cancelled();
    if (Atomics.wait(control, POSTED, posted, 200) === 'timed-out') {
      waited += 200;
      if (waited >= STALL_MS) throw new ApiError('internal', said('importReaderStalled'));
    } else {
      waited = 0;
    }
  }
}

/** The reading thread's side (called by worker.ts): runs the pass and posts each batch, then the end or the error. */
export function serveScan(input: ScanWorkerInput): void {
  const control = new Int32Array(input.control);
  const post = (message: ScanMessage): void => {
    input.port.postMessage(message);
    Atomics.add(control, POSTED, 1);
    Atomics.notify(control, POSTED);
  };
  try {
    const scan = scanInline(input.setup);
    let posted = 0;
    for (;;) {
      const next = scan.next();
      if (next.done) {
        post({ kind: 'end', end: next.value });
        break;
      }
      for (let taken = Atomics.load(control, TAKEN); posted - taken >= MAX_AHEAD; taken = Atomics.load(control, TAKEN)) {
        Atomics.wait(control, TAKEN, taken, 1000);
      }
      post({ kind: 'batch', batch: next.value });
      posted++;
    }
  } catch (error) {
    post({ kind: 'error', error: error instanceof ApiError ? error.toJSON() : { code: 'internal', message: (error as Error).message } });
  } finally {
    input.port.close();
  }
}
