/** A sidebar click timed in the page, for the view benchmarks (tests/bench/view-draw.ts, view-profile.ts). */
import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals.ts';

export /** Clicks the sidebar link to `#/<id>` and returns the milliseconds until the view (titled `title`) is drawn, measured in the page. */
function clickAndWait(page: Page, id: string, title: string): Promise<number> {
  return page.evaluate(
    ({ id, title }) =>
      new Promise<number>((resolve, reject) => {
        const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
        const link = document.querySelector(`nav.sidebar a[href$="#/${id}"]`);
        if (!link) return reject(new Error(`no sidebar link to ${id}`));
        const drawn = (): boolean =>
          document.title === title &&
          document.querySelector('main h1') !== null &&
          document.querySelector('main .state-loading, main figure.chart[data-chart-ready="false"]') === null;
        const t0 = performance.now();
        const deadline = t0 + 30_000;
        link.click();
        const frame = (): void => {
          if (performance.now() > deadline) return reject(new Error(`${id} not drawn after 30 s`));
          if (!drawn()) return void requestAnimationFrame(frame);
          // One more frame: what the check saw is on screen.
          requestAnimationFrame(() => resolve(performance.now() - t0));
        };
        requestAnimationFrame(frame);
      }),
    { id, title },
  );
}
