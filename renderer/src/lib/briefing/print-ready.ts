/**
 * When a print layout may be printed: after its data is drawn, every chart has drawn its final frame,
 * the fonts its text needs (the bundled CJK faces included) are loaded and every image is decoded.
 * Printers (Electron's printToPDF, Chromium's page.pdf) wait for `document.body.dataset.printReady`.
 */
import { allChartsDrawn } from '../charts/ready.ts';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/g;
const HAN_KANA = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;

function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Loads the faces the text of `root` needs (a face with a unicode-range loads only when used). */
async function fontsFor(root: HTMLElement): Promise<void> {
  const text = `${root.textContent ?? ''} ${document.body.dataset['printTitle'] ?? ''}`;
  const hangul = [...new Set(text.match(HANGUL) ?? [])].join('');
  const han = [...new Set(text.match(HAN_KANA) ?? [])].join('');
  const loads: Promise<unknown>[] = [];
  if (hangul) loads.push(document.fonts.load('16px "Tradebrief CJK KR"', hangul));
  if (han) loads.push(document.fonts.load('16px "Tradebrief CJK SC"', han));
  await Promise.all(loads);
  await document.fonts.ready;
}

export function clearPrintState(): void {
  delete document.body.dataset['printReady'];
  delete document.body.dataset['printError'];
}

export async function markPrintReady(root: HTMLElement, meta: { title: string; classification: string }): Promise<void> {
  document.body.dataset['printTitle'] = meta.title;
  document.body.dataset['printClassification'] = meta.classification;
  await frame();
  await allChartsDrawn();
  await fontsFor(root);
  await Promise.all([...root.querySelectorAll('img')].map((img) => (img.getAttribute('src') ? img.decode().catch(() => undefined) : undefined)));
  await frame();
  await frame();
  document.body.dataset['printReady'] = 'true';
}

export function markPrintError(message: string): void {
  document.body.dataset['printError'] = message;
}
