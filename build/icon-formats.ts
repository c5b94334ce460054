/**
 * Two small writers for icon containers, fed with PNG images (no image library needed):
 *
 * ICO (Windows): a 6-byte header `reserved=0, type=1, count` (little-endian u16 each), then one
 * 16-byte directory entry per image: width, height (u8; 0 means 256), colour count 0, reserved 0,
 * planes 1 (u16), bits per pixel 32 (u16), payload size (u32), payload offset (u32); then the
 * payloads. Since Windows Vista a payload may be a whole PNG file, which is what we store.
 *
 * ICNS (macOS): the magic `icns` and the file length (big-endian u32), then one element per image:
 * a 4-character type, the element length including its 8-byte header (big-endian u32), the PNG.
 * The type names the pixel size (Apple's "Icon Services" types that hold PNG data).
 */

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/** ICNS element types holding PNG data, and the pixel size each one must have. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024], // 512x512@2x
  ['ic11', 32], // 16x16@2x
  ['ic12', 64], // 32x32@2x
  ['ic13', 256], // 128x128@2x
  ['ic14', 512], // 256x256@2x
] as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function squarePng(png: Buffer, size: number): Buffer {
  const { width, height } = pngSize(png);
  if (width !== size || height !== size) throw new Error(`expected a ${size}x${size} PNG, got ${width}x${height}`);
  return png;
}

/** An ICO file holding the given PNGs (one per size, each at most 256 pixels). */
export function writeIco(pngs: ReadonlyMap<number, Buffer>): Buffer {
  const sizes = [...pngs.keys()].sort((a, b) => a - b);
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  const directory = Buffer.alloc(16 * sizes.length);
  let offset = header.length + directory.length;
  const payloads: Buffer[] = [];
  sizes.forEach((size, i) => {
    if (size < 1 || size > 256) throw new Error(`ICO images are 1 to 256 pixels, not ${size}`);
    const png = squarePng(pngs.get(size)!, size);
    const at = i * 16;
    directory.writeUInt8(size === 256 ? 0 : size, at);
    directory.writeUInt8(size === 256 ? 0 : size, at + 1);
    directory.writeUInt8(0, at + 2);
    directory.writeUInt8(0, at + 3);
    directory.writeUInt16LE(1, at + 4);
    directory.writeUInt16LE(32, at + 6);
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
    payloads.push(png);
  });
  return Buffer.concat([header, directory, ...payloads]);
}

/** An ICNS file with one PNG element per entry of ICNS_TYPES, taken from `pngs` by pixel size. */
export function writeIcns(pngs: ReadonlyMap<number, Buffer>): Buffer {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size);
    if (!png) throw new Error(`ICNS needs a ${size}x${size} PNG for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + squarePng(png, size).length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}
