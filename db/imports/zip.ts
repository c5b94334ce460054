/**
 * A small synchronous ZIP reader over a file descriptor: it reads the central directory (ZIP64
 * included) and streams one entry at a time, inflating with fflate's streaming `Inflate` in fixed
 * chunks, so a large entry (an XLSX sheet of a million rows) never sits whole in memory. Stored
 * and deflated entries; encrypted ones are refused. Each entry's CRC-32 is checked at its end.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
// fflate's browser build: its Node entry declares a `require` of its own, which clashes with the bundler's ESM shim.
import { Inflate } from 'fflate/browser';
import { TableReadError } from './reading.ts';
import { said } from '../common/core-messages.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  /** Offset of the entry's local header. */
  headerOffset: number;
  flags: number;
}

export class ZipError extends TableReadError {}

/**
 * The most one entry may inflate to. Excel's largest sheet (1,048,576 rows of a few dozen cells) is
 * one to two GB of XML; an entry declaring more is not a table this app can import.
 */
export const MAX_ENTRY_BYTES = 4 * 1024 ** 3;
/** Parts read whole (workbook, relationships): real ones are kilobytes. */
export const MAX_PART_BYTES = 16 * 1024 ** 2;
/**
 * Inflated bytes per compressed byte. Spreadsheet XML deflates 5–30× (a sheet of one row repeated
 * about 100×); deflate's ceiling is ~1032×, which only a "zip bomb" approaches.
 */
export const MAX_RATIO = 200;
/** The ratio is judged past this much output only: a small part may have any ratio harmlessly. */
const RATIO_FLOOR_BYTES = 8 * 1024 ** 2;
/** Compressed bytes per inflate step: one step's output stays under ~16 MB even at deflate's ceiling. */
const INFLATE_STEP = 16 * 1024;

const megabytes = (bytes: number): number => Math.round(bytes / 1024 ** 2);

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipFile {
  readonly path: string;
  readonly size: number;
  readonly entries: Map<string, ZipEntry>;
  #fd: number;

  constructor(path: string) {
    this.path = path;
    this.#fd = openSync(path, 'r');
    try {
      this.size = fstatSync(this.#fd).size;
      this.entries = this.#readDirectory();
    } catch (error) {
      closeSync(this.#fd);
      throw error;
    }
  }

  close(): void {
    if (this.#fd >= 0) {
      closeSync(this.#fd);
      this.#fd = -1;
    }
  }

  #read(position: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.#fd, buffer, done, length - done, position + done);
      if (n === 0) throw new ZipError(said('zipEndsEarly'));
      done += n;
    }
    return buffer;
  }

  #readDirectory(): Map<string, ZipEntry> {
    const tailLength = Math.min(this.size, 22 + 65535);
    if (tailLength < 22) throw new ZipError(said('zipTooSmall'));
    const tail = this.#read(this.size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipError(said('zipNoDirectory'));
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const locatorAt = this.size - tailLength + at - 20;
      const locator = this.#read(locatorAt, 20);
      if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipError(said('zipDamagedZip64'));
      const eocd64 = this.#read(Number(locator.readBigUInt64LE(8)), 56);
      if (eocd64.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError(said('zipDamagedZip64'));
      count = Number(eocd64.readBigUInt64LE(32));
      dirSize = Number(eocd64.readBigUInt64LE(40));
      dirOffset = Number(eocd64.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > this.size) throw new ZipError(said('zipDirectoryPastEnd'));
    const dir = this.#read(dirOffset, dirSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipError(said('zipDamagedDirectory'));
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const crc = dir.readUInt32LE(p + 16);
      let compressedSize = dir.readUInt32LE(p + 20);
      let size = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      let headerOffset = dir.readUInt32LE(p + 42);
      const name = dir.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
      // ZIP64 extra field: the 64-bit values, in this order, for those whose 32-bit field is saturated.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const tag = dir.readUInt16LE(e);
        const len = dir.readUInt16LE(e + 2);
        if (tag === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = Number(dir.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(dir.readBigUInt64LE(q));
            q += 8;
          }
          if (headerOffset === 0xffffffff) {
            headerOffset = Number(dir.readBigUInt64LE(q));
          }
        }
        e += 4 + len;
      }
      entries.set(name.replace(/\\/g, '/'), { name, method, compressedSize, size, crc, headerOffset, flags });
      p = extraEnd + commentLength;
    }
    return entries;
  }

  /** Where the entry's data starts in the file. */
  dataOffset(entry: ZipEntry): number {
    const header = this.#read(entry.headerOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL) throw new ZipError(said('zipDamagedEntry', { part: entry.name }), { entry: entry.name });
    return entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  }

  /**
   * The entry's uncompressed bytes, chunk by chunk (each chunk is fresh: keep it if needed).
   * `onRead` reports the file offset reached, for progress. Inflating stops with a ZipError as soon as
   * the entry outgrows `limit`, its declared size or MAX_RATIO times the compressed bytes read.
   */
  *stream(entry: ZipEntry, chunkSize = 64 * 1024, onRead?: (offset: number) => void, limit = MAX_ENTRY_BYTES): Generator<Uint8Array> {
    const place = { entry: entry.name };
    if (entry.flags & 0x1) throw new ZipError(said('zipEncrypted', { part: entry.name }), place);
    if (entry.method !== 0 && entry.method !== 8)
      throw new ZipError(said('zipMethod', { part: entry.name, method: String(entry.method) }), place);
    if (entry.size > limit) {
      throw new ZipError(said('zipTooLargePart', { part: entry.name, size: megabytes(entry.size), limit: megabytes(limit) }), {
        ...place,
        limit,
      });
    }
    const start = this.dataOffset(entry);
    if (start + entry.compressedSize > this.size) throw new ZipError(said('zipPastEnd', { part: entry.name }), place);
    const out: Uint8Array[] = [];
    const inflate = entry.method === 8 ? new Inflate((chunk) => out.push(chunk)) : null;
    let crc = 0;
    let total = 0;
    const buffer = Buffer.allocUnsafe(chunkSize);
    let done = 0;
    while (done < entry.compressedSize) {
      const want = Math.min(chunkSize, entry.compressedSize - done);
      const n = readSync(this.#fd, buffer, 0, want, start + done);
      if (n === 0) throw new ZipError(said('zipPartEndsEarly', { part: entry.name }), place);
      for (let at = 0; at < n;) {
        const step = inflate ? Math.min(INFLATE_STEP, n - at) : n - at;
        const piece = buffer.subarray(at, at + step);
        at += step;
        done += step;
        if (inflate) {
          try {
            inflate.push(piece, done >= entry.compressedSize);
          } catch (error) {
            throw new ZipError(said('zipCannotInflate', { part: entry.name, reason: (error as Error).message }), place);
          }
        } else {
          out.push(Uint8Array.from(piece));
        }
        for (const chunk of out) total += chunk.length;
        if (total > entry.size) {
          throw new ZipError(said('zipOverDeclared', { part: entry.name, size: entry.size }), place);
        }
        if (total > RATIO_FLOOR_BYTES && total > MAX_RATIO * done) {
          throw new ZipError(said('zipBomb', { part: entry.name, ratio: Math.round(total / done), limit: MAX_RATIO }), {
            ...place,
            limit: MAX_RATIO,
          });
        }
        if (at < n && out.length === 0) continue;
        onRead?.(start + done);
        for (const chunk of out) {
          crc = crc32(chunk, crc);
          yield chunk;
        }
        out.length = 0;
      }
    }
    if (total !== entry.size || crc >>> 0 !== entry.crc) throw new ZipError(said('zipCrc', { part: entry.name }), place);
  }

  /** A small entry, whole (workbook parts, relationships). */
  readText(entry: ZipEntry): string {
    const chunks = [...this.stream(entry, 64 * 1024, undefined, MAX_PART_BYTES)];
    return Buffer.concat(chunks).toString('utf8');
  }
}
