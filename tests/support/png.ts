/**
 * A small PNG reader for test checks (8-bit greyscale, RGB or RGBA, not interlaced: what pdftoppm
 * writes), and the pixel statistics the print tests use to tell a drawn chart from a blank one.
 */
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel, row by row. */
  rgb: Uint8Array;
}

export function decodePng(file: Buffer): Image {
  if (file.readUInt32BE(0) !== 0x89504e47) throw new Error('Not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colour = data[9];
      if (depth !== 8 || data[12] !== 0) throw new Error(`Unsupported PNG (bit depth ${depth}, interlace ${data[12]})`);
      channels = colour === 0 ? 1 : colour === 2 ? 3 : colour === 6 ? 4 : 0;
      if (channels === 0) throw new Error(`Unsupported PNG colour type ${colour}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const v = line[x]!;
      let out: number;
      switch (filter) {
        case 0:
          out = v;
          break;
        case 1:
          out = v + a;
          break;
        case 2:
          out = v + b;
          break;
        case 3:
          out = v + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`Bad PNG filter ${filter}`);
      }
      pixels[y * stride + x] = out & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    if (channels === 1) rgb.fill(pixels[i]!, i * 3, i * 3 + 3);
    else for (let k = 0; k < 3; k++) rgb[i * 3 + k] = pixels[i * channels + k]!;
  }
  return { width, height, rgb };
}

/** Pixels within `tolerance` (per channel) of a colour given as #rrggbb. */
export function matchingPixels(
  image: Image,
  hex: string,
  tolerance = 40,
): { count: number; box: { x0: number; y0: number; x1: number; y1: number } | null } {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  let count = 0;
  let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 3;
      if (
        Math.abs(image.rgb[i]! - r) <= tolerance &&
        Math.abs(image.rgb[i + 1]! - g) <= tolerance &&
        Math.abs(image.rgb[i + 2]! - b) <= tolerance
      ) {
        count++;
        box = box
          ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) }
          : { x0: x, y0: y, x1: x, y1: y };
      }
    }
  }
  return { count, box };
}

/** Variance of the luminance of the pixels in a box (0 for a blank, one-colour area). */
export function luminanceVariance(image: Image, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let y = box.y0; y <= box.y1; y++) {
    for (let x = box.x0; x <= box.x1; x++) {
      const i = (y * image.width + x) * 3;
      const l = 0.2126 * image.rgb[i]! + 0.7152 * image.rgb[i + 1]! + 0.0722 * image.rgb[i + 2]!;
      n++;
      sum += l;
      sq += l * l;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sq / n - mean * mean;
}
