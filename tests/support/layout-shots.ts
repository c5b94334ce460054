/**
 * Screenshots of every sidebar view at 1440, 1024 and 800 px, light and dark, into a folder (for looking at),
 * with each view's widest overflow printed: `node tests/support/layout-shots.ts <out-dir> [view…]`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { VIEW_LIST as views } from '../../renderer/src/views/view-list.ts';
import { startApp } from './browser.ts';
import { requireBuiltRenderer } from './build-output.ts';
import type { PageElement, PageGlobals } from './page-globals.ts';

requireBuiltRenderer();
const [outDir = 'tests/artifacts/layout', ...only] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const app = await startApp({ today: '2022-09-15' });
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1440, 1024, 800]) {
      const page = await app.newPage({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      for (const view of views.filter((v) => v.inSidebar && (only.length === 0 || only.includes(v.id)))) {
        await page.goto(`${app.host.url}#/${view.id}`);
        await page.locator('main h1').waitFor();
        await page.waitForFunction(
          () =>
            (globalThis as unknown as PageGlobals).document.querySelector('main .state-loading, figure.chart[data-chart-ready="false"]') ===
            null,
        );
        const overflow = await page.evaluate(() => {
          type Listed = PageElement & { tagName: string; className: string };
          const w = globalThis as unknown as PageGlobals & { document: { querySelectorAll(s: string): Iterable<Listed> } };
          // What reaches past the window's right edge, to know where to look.
          const wide = [...w.document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > w.innerWidth + 0.5)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
          return { scrollWidth: w.document.scrollingElement!.scrollWidth, innerWidth: w.innerWidth, wide: wide.slice(0, 6) };
        });
        const flag = overflow.scrollWidth > overflow.innerWidth ? 'OVERFLOW' : 'ok';
        console.log(`${scheme} ${width} ${view.id}: ${flag} ${overflow.scrollWidth}/${overflow.innerWidth} ${overflow.wide.join(' | ')}`);
        await page.screenshot({ path: join(outDir, `${view.id}-${width}-${scheme}.png`), fullPage: true });
      }
      await page.close();
    }
  }
} finally {
  await app.close();
}
