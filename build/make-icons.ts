/**
 * `node build/make-icons.ts`: renders build/icon.svg (the one source image) with Chromium into every
 * icon the installers need, with a transparent background:
 *   build/icon.png            1024x1024 (electron-builder's fallback, and the About box)
 *   build/icons/NxN.png       Linux (AppImage, deb), 16 to 1024
 *   build/icon.ico            Windows, PNG payloads 16 to 256
 *   build/icon.icns           macOS, PNG payloads 16 to 1024
 * The outputs are committed; run again after changing icon.svg. CHROMIUM_PATH overrides the browser.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ICNS_TYPES, ICO_SIZES, pngSize, writeIcns, writeIco } from './icon-formats.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const svg = readFileSync(join(here, 'icon.svg'));
const sizes = [...new Set<number>([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])].sort((a, b) => a - b);

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const pngs = new Map<number, Buffer>();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img id="icon" src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    // A string, so this Node-side file needs no DOM types.
    await page.waitForFunction("document.getElementById('icon').complete === true");
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    const got = pngSize(png);
    if (got.width !== size || got.height !== size) throw new Error(`rendered ${got.width}x${got.height} for ${size}`);
    pngs.set(size, png);
  }
} finally {
  await browser.close();
}

mkdirSync(join(here, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) writeFileSync(join(here, 'icons', `${size}x${size}.png`), pngs.get(size)!);
writeFileSync(join(here, 'icon.png'), pngs.get(1024)!);
writeFileSync(join(here, 'icon.ico'), writeIco(new Map(ICO_SIZES.map((s) => [s, pngs.get(s)!]))));
writeFileSync(join(here, 'icon.icns'), writeIcns(pngs));
console.log(`Icons written to ${here}: ${sizes.join(', ')} px`);
