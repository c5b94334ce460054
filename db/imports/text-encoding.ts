/**
 * A text file read sequentially in chunks and decoded in its encoding. The encoding is the user's
 * choice, else the byte-order mark's, else found from the first 64 KiB: UTF-16 by its pattern of
 * zero bytes, UTF-8 if those bytes are valid UTF-8, else a legacy encoding by a heuristic (pairs of
 * high bytes are Korean or Chinese, told apart by their lead bytes; lone high bytes are
 * Windows-1252). The user can always choose another in the preview. Decoding is strict (TextDecoder with `fatal`): an invalid byte is an error naming
 * its line and column, never a U+FFFD stored; a NUL byte means a binary file and is refused.
 * Finding the line and column re-reads the file up to the error (only then), so reading stays one pass.
 */
import { readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { TableReadError, type EncodingUsed, type TextEncodingName } from './reading.ts';
import { said } from '../common/core-messages.ts';

/** Bytes looked at to find the encoding. */
const SAMPLE_BYTES = 64 * 1024;

const BOMS: [TextEncodingName, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

const startsWith = (bytes: Uint8Array, prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

/** The encoding of a file from its first bytes (see the module comment), and the length of its byte-order mark. */
export function findEncoding(sample: Uint8Array, chosen?: TextEncodingName): { used: EncodingUsed; bomLength: number } {
  if (chosen) {
    const bom = BOMS.find(([name, mark]) => name === chosen && startsWith(sample, mark));
    return { used: { name: chosen, how: 'chosen' }, bomLength: bom ? bom[1].length : 0 };
  }
  for (const [name, mark] of BOMS) if (startsWith(sample, mark)) return { used: { name, how: 'bom' }, bomLength: mark.length };
  return { used: { name: guessEncoding(sample), how: 'detected' }, bomLength: 0 };
}

function decodes(encoding: TextEncodingName, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

/** The encoding of text without a byte-order mark (see the module comment). */
export function guessEncoding(sample: Uint8Array): TextEncodingName {
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const units = sample.length / 2;
  // ASCII in UTF-16 has a zero byte in every unit, on one side (a few characters elsewhere, 가 U+AC00, on the other).
  if (units >= 2 && oddZeros >= units * 0.3 && evenZeros * 4 < oddZeros) return 'utf-16le';
  if (units >= 2 && evenZeros >= units * 0.3 && oddZeros * 4 < evenZeros) return 'utf-16be';
  if (decodes('utf-8', sample) !== null) return 'utf-8';
  // EUC-KR and GB2312/GBK write a character as two bytes of 0xA1–0xFE (mostly); Windows-1252 text has
  // lone accented letters between ASCII ones.
  let pairs = 0;
  let lone = 0;
  let highLeads = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    const next = sample[i + 1] ?? 0;
    if (b >= 0x81 && b <= 0xfe && next >= 0xa1 && next <= 0xfe) {
      pairs++;
      if (b >= 0xc9) highLeads++;
      i++;
    } else {
      lone++;
    }
  }
  if (pairs > 0 && pairs >= 4 * lone) {
    // The same byte pairs are Hangul in EUC-KR and Hanzi in GB2312. EUC-KR's Hangul syllables all have
    // lead bytes 0xB0–0xC8 (0xC9 on are Hanja, rare in Korean text), while common Hanzi spread over
    // 0xB0–0xF7: Korean text has (almost) no lead byte from 0xC9 on.
    if (highLeads < pairs * 0.05 && decodes('euc-kr', sample) !== null) return 'euc-kr';
    if (decodes('gb18030', sample) !== null) return 'gb18030';
    if (decodes('euc-kr', sample) !== null) return 'euc-kr';
  }
  return 'windows-1252';
}

/** Reads a text file sequentially from its current position (0), decoding chunk by chunk. */
export class TextReader {
  readonly encoding: EncodingUsed;
  /** Raw bytes read so far (the byte-order mark included). */
  bytesRead = 0;
  readonly #fd: number;
  readonly #buffer: Buffer;
  readonly #decoder: TextDecoder;
  readonly #bomLength: number;
  readonly #utf16: boolean;
  #listeners: ((chunk: Buffer) => void)[] = [];
  #eof = false;

  constructor(fd: number, chunkSize: number, chosen?: TextEncodingName) {
    this.#fd = fd;
    this.#buffer = Buffer.allocUnsafe(chunkSize);
    const sample = Buffer.allocUnsafe(SAMPLE_BYTES);
    // A positional read: the sequential reads below still start at 0.
    const n = readSync(fd, sample, 0, SAMPLE_BYTES, 0);
    const { used, bomLength } = findEncoding(sample.subarray(0, n), chosen);
    this.encoding = used;
    this.#bomLength = bomLength;
    this.#utf16 = used.name === 'utf-16le' || used.name === 'utf-16be';
    this.#decoder = new TextDecoder(used.name, { fatal: true, ignoreBOM: true });
  }

  onChunk(listener: (chunk: Buffer) => void): void {
    this.#listeners.push(listener);
  }

  /** The next decoded text, or null at the end of the file. */
  read(): string | null {
    if (this.#eof) return null;
    const start = this.bytesRead;
    const n = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, null);
    if (n === 0) {
      this.#eof = true;
      let tail: string;
      try {
        tail = this.#decoder.decode();
      } catch {
        throw this.#invalidByte(Math.max(this.#bomLength, start - 4), start, true);
      }
      return tail.length > 0 ? tail : null;
    }
    const bytes = this.#buffer.subarray(0, n);
    for (const listener of this.#listeners) listener(bytes);
    this.bytesRead += n;
    const skip = Math.max(0, Math.min(n, this.#bomLength - start));
    const nul = this.#nulAt(bytes, start, skip);
    if (nul >= 0) {
      const at = this.#locate(nul);
      throw new TableReadError(
        said(this.#utf16 ? 'readNulByte' : 'readNulByteNoBom', { line: String(at.line), column: String(at.column) }),
        {
          ...at,
          encoding: this.encoding.name,
        },
      );
    }
    try {
      return this.#decoder.decode(skip > 0 ? bytes.subarray(skip) : bytes, { stream: true });
    } catch {
      throw this.#invalidByte(start, start + n, false);
    }
  }

  /** The file offset of the first NUL character in this chunk, or -1. */
  #nulAt(bytes: Buffer, start: number, skip: number): number {
    if (!this.#utf16) {
      const i = bytes.indexOf(0, skip);
      return i < 0 ? -1 : start + i;
    }
    if (bytes.indexOf(0, skip) < 0) return -1;
    // Code units start at even offsets of the file (the byte-order mark has two bytes).
    for (let i = skip + ((start + skip) % 2); i + 1 < bytes.length; i += 2) if (bytes[i] === 0 && bytes[i + 1] === 0) return start + i;
    return -1;
  }

  /** Lines before `offset` and where the line holding it starts (by the file's line feeds). */
  #linesBefore(offset: number): { lines: number; lineStart: number } {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    let lines = 0;
    let lineStart = this.#bomLength;
    for (let at = this.#bomLength; at < offset;) {
      const n = readSync(this.#fd, buffer, 0, Math.min(buffer.length, offset - at), at);
      if (n === 0) break;
      if (this.#utf16) {
        const lf = this.encoding.name === 'utf-16le' ? [0x0a, 0] : [0, 0x0a];
        // Pieces start at even offsets (1 MiB pieces from an even start), so units are aligned.
        for (let i = 0; i + 1 < n; i += 2) {
          if (buffer[i] === lf[0] && buffer[i + 1] === lf[1]) {
            lines++;
            lineStart = at + i + 2;
          }
        }
      } else {
        // 0x0A is never part of a multi-byte character in these encodings.
        for (let i = buffer.indexOf(0x0a, 0); i >= 0 && i < n; i = buffer.indexOf(0x0a, i + 1)) {
          lines++;
          lineStart = at + i + 1;
        }
      }
      at += n;
    }
    return { lines, lineStart };
  }

  #bytes(from: number, to: number): Buffer {
    const out = Buffer.allocUnsafe(Math.max(0, to - from));
    let done = 0;
    while (done < out.length) {
      const n = readSync(this.#fd, out, done, out.length - done, from + done);
      if (n === 0) break;
      done += n;
    }
    return out.subarray(0, done);
  }

  /** Line and column (1-based, in characters) of the byte at `offset`. */
  #locate(offset: number): { line: number; column: number } {
    const { lines, lineStart } = this.#linesBefore(offset);
    const before = new TextDecoder(this.encoding.name, { ignoreBOM: true }).decode(this.#bytes(lineStart, offset));
    return { line: lines + 1, column: before.length + 1 };
  }

  /** The error for an invalid byte met in the file's bytes [from, to). */
  #invalidByte(from: number, to: number, atEnd: boolean): TableReadError {
    const { lines, lineStart } = this.#linesBefore(from);
    const bytes = this.#bytes(lineStart, to);
    // The longest prefix that decodes (a longer one never does once a shorter one fails).
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
      const mid = (good + bad) >>> 1;
      if (decodes(this.encoding.name, bytes.subarray(0, mid)) !== null) good = mid;
      else bad = mid;
    }
    if (decodes(this.encoding.name, bytes) !== null) good = bytes.length;
    const text = decodes(this.encoding.name, bytes.subarray(0, good)) ?? '';
    const lastLf = text.lastIndexOf('\n');
    const line = lines + 1 + [...text.matchAll(/\n/g)].length;
    const column = text.length - lastLf;
    const what = atEnd || good >= bytes.length ? 'readEndsInCharacter' : 'readInvalidBytes';
    const how = said(this.encoding.how === 'chosen' ? 'readEncodingChosen' : 'readEncodingFound');
    return new TableReadError(said(what, { line: String(line), column: String(column), encoding: this.encoding.name.toUpperCase(), how }), {
      line,
      column,
      encoding: this.encoding.name,
    });
  }
}
