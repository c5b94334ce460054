/**
 * When a print layout may be printed: after its data is drawn, every chart has drawn its final frame,
 * the fonts its text needs (the bundled CJK faces included) are loaded and every image is decoded.
 * Printers (Electron's printToPDF, Chromium's page.pdf) wait for `document.body.dataset.printReady`.
 *
 * - A print window starts what its layout will wait for as the page starts (print-start.ts, from main.ts):
 *   the bundled CJK faces and a briefing's data load while the app's code loads and connects, not after.
 * - The bundled CJK faces start loading then (`loadCjkFaces`), so that their
 *   decoding (a few hundred milliseconds, on another thread) overlaps the data's round trip, and the
 *   layout is drawn once its faces are in (`fontsFor`): its text is laid out once, in the right fonts.
 *   Drawing first and letting the faces arrive later costs a second layout and a second copy of every
 *   chart's print-resolution canvas, and Chromium then keeps drawing boxes for bold
 *   Korean or Chinese text laid out while its face was loading (bold is synthesised from the regular
 *   face), even once the face has loaded.
 * - Ready waits for the faces the text needs, not for every font the document is loading
 *   (`document.fonts.ready`): the layout starts loading both CJK faces (1.5 MB) whatever its text, and a
 *   text in English would otherwise wait for faces it never uses.
 * - Printing lays the document out again for paper, so nothing waits for a screen frame once the
 *   charts have drawn.
 * - Ready and failed name the route they belong to (`printRoute`, the hash the layout's data was loaded
 *   for), and a printer takes them only for the route the page shows: after a change of route (another
 *   print in the same window, the preview's "Print…") the flag of the layout before is still set until the
 *   new one clears it, and a drawing begun for the route before may finish after the route changed.
 */
import type { Language } from '../../../../db/common/languages.ts';
import { allChartsDrawn } from '../charts/ready.ts';
import { CJK_KR as KR, CJK_SC as SC } from './print-start.ts';

export { markPrintError } from './print-error.ts';
export { loadCjkFaces, takeEarlyBriefing } from './print-start.ts';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]/g;
const HAN_KANA = /[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;

/** The faces `text` needs, with the characters to load them for. */
function facesFor(text: string): [family: string, chars: string][] {
  const hangul = [...new Set(text.match(HANGUL) ?? [])].join('');
  const han = [...new Set(text.match(HAN_KANA) ?? [])].join('');
  return [...(hangul ? [[KR, hangul] as [string, string]] : []), ...(han ? [[SC, han] as [string, string]] : [])];
}

function allLoaded(family: string): boolean {
  let loaded = true;
  document.fonts.forEach((face) => {
    if (face.family.replace(/^["']|["']$/g, '') === family && face.status !== 'loaded') loaded = false;
  });
  return loaded;
}

/** Loads the faces `text` needs (a face with a unicode-range loads only when used); resolves when they are decoded. */
export async function fontsFor(text: string): Promise<void> {
  await Promise.all(facesFor(text).map(([family, chars]) => document.fonts.load(`16px "${family}"`, chars)));
}

export function clearPrintState(): void {
  delete document.body.dataset['printReady'];
  delete document.body.dataset['printError'];
  delete document.body.dataset['printRoute'];
}

/**
 * Call once the layout's data is drawn (after `tick()`): charts are created by then. `beforeReady`
 * runs once everything is drawn, before the page says so (the preview cuts its pages there).
 */
export async function markPrintReady(
  root: HTMLElement,
  /** footer: the words of a footer the page draws (its faces are loaded too); route: the hash its data was loaded for. */
  meta: { title: string; classification: string; language: Language; footer?: string; route: string },
  beforeReady?: () => Promise<void> | void,
): Promise<void> {
  document.body.dataset['printTitle'] = meta.title;
  document.body.dataset['printClassification'] = meta.classification;
  document.body.dataset['printLanguage'] = meta.language;
  performance.mark('print:mounted');
  const text = `${root.textContent ?? ''} ${meta.title} ${meta.classification} ${meta.footer ?? ''}`;
  const late = facesFor(text).some(([family]) => !allLoaded(family));
  await Promise.all([
    allChartsDrawn(),
    fontsFor(text),
    ...[...root.querySelectorAll('img')].map((img) => (img.getAttribute('src') ? img.decode().catch(() => undefined) : undefined)),
  ]);
  // A face that arrived after the text was laid out (the layout did not wait for it): make Chromium
  // shape the text again (see above) by a change of font description that changes nothing visible.
  if (late) root.style.textRendering = root.style.textRendering === 'optimizelegibility' ? 'geometricprecision' : 'optimizelegibility';
  await beforeReady?.();
  // A layout drawn for a route the page has since left (the preview's sheets once "Print…" is chosen) may finish after
  // the layout that replaced it: it must not take the place of that one's ready.
  if (meta.route !== location.hash) return;
  performance.mark('print:ready');
  document.body.dataset['printRoute'] = meta.route;
  document.body.dataset['printReady'] = 'true';
}

/**
 * Resolves when the print layout says it is ready or has failed (watching the body's data attributes,
 * as printers outside the page do: db/common/paper.ts PRINT_SETTLED_SCRIPT), or after `timeoutMs` with neither.
 */
export function printSettled(timeoutMs: number): Promise<{ ready: boolean; error: string | null }> {
  return new Promise((resolve) => {
    const body = document.body;
    const finish = (state: { ready: boolean; error: string | null }): void => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(state);
    };
    const check = (): boolean => {
      const { printReady, printError, printRoute } = body.dataset;
      if (printRoute !== location.hash || (printReady !== 'true' && printError === undefined)) return false;
      finish({ ready: printReady === 'true', error: printError ?? null });
      return true;
    };
    const observer = new MutationObserver(() => void check());
    observer.observe(body, { attributes: true, attributeFilter: ['data-print-ready', 'data-print-error', 'data-print-route'] });
    const timer = setTimeout(() => finish({ ready: false, error: null }), timeoutMs);
    check();
  });
}
