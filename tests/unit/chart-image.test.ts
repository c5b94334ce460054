/** exportChartImage: a chart image the page drew, written where the user chose, and only if it is a PNG. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { openSession } from '../../db/session.ts';
import { saveTo } from '../support/chosen-files.ts';
import { decodePng } from '../support/png.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A real 3 × 2 RGB PNG, built chunk by chunk. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(3, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.concat([0, 1].map(() => Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 255])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('exportChartImage', () => {
  const session = openSession({ path: tmp.file('images.sqlite') });
  // The session's handlers resolve the handles its host registered (saveTo does what the Save dialog does).
  const call = (input: unknown) => dispatch(session.handlers, 'exportChartImage', input);
  afterAll(() => session.close());

  it('writes the PNG where the user chose, byte for byte', async () => {
    const path = tmp.file('chart.png');
    const png = tinyPng();
    const result = await call({ target: saveTo(session, path), png: png.toString('base64') });
    expect(result).toMatchObject({ ok: true, data: { name: 'chart.png', bytes: png.length } });
    expect(readFileSync(path).equals(png)).toBe(true);
    expect(decodePng(readFileSync(path))).toMatchObject({ width: 3, height: 2 });
  });

  it('refuses bytes that are not a PNG and leaves the chosen file as it was', async () => {
    const path = tmp.file('not-a-chart.png');
    writeFileSync(path, 'before');
    const result = await call({ target: saveTo(session, path), png: Buffer.from('<svg onload="x()"></svg>').toString('base64') });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/not a PNG image: nothing was saved/) },
    });
    expect(readFileSync(path, 'utf8')).toBe('before');
    expect(await call({ target: saveTo(session, tmp.file('x.png')), png: 'not base64!' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(existsSync(tmp.file('x.png'))).toBe(false);
  });
});
