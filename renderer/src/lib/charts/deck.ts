/**
 * Deck-ready chart images: the chart drawn again at twice its on-screen size on an offscreen canvas,
 * with its title, unit and source line drawn into the same image (a slide or a document keeps them
 * with the chart). The image is a PNG; it leaves the page through the host (Save) or the clipboard (Copy).
 */
import type { Chart, ChartConfiguration } from 'chart.js';
import type { ChartTheme } from './theme.ts';
import { t } from '../../i18n/i18n.svelte.ts';

/** The image is this many times the chart's size on screen, whatever the screen's pixel ratio. */
export const IMAGE_SCALE = 2;
/** The bands above and below the chart, in CSS pixels (the image has them at IMAGE_SCALE). */
export const TITLE_BAND = 52;
export const SOURCE_BAND = 30;
const PADDING = 16;

export interface ChartCaption {
  title: string;
  /** "USD bn", "rank", "% of exports": said under the title. */
  unit?: string | undefined;
  /** Whom the figures come from ("Source: KOSIS, …"). */
  source?: string | undefined;
}

/** Cuts `text` with an ellipsis to fit `width` in the context's current font. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/**
 * Draws `config` at IMAGE_SCALE on a canvas of its own (out of view, animation off), then lays it
 * between a title band and a source band on the image canvas. `size` is the chart's CSS size on screen.
 */
export function composeChartImage(
  ChartJs: typeof Chart,
  config: ChartConfiguration,
  size: { width: number; height: number },
  caption: ChartCaption,
  theme: ChartTheme,
): HTMLCanvasElement {
  const width = Math.max(1, Math.round(size.width));
  const height = Math.max(1, Math.round(size.height));
  const holder = document.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  holder.style.cssText = `position:fixed;left:-${width + 100}px;top:0;width:${width}px;height:${height}px;pointer-events:none;`;
  const drawing = document.createElement('canvas');
  drawing.style.width = `${width}px`;
  drawing.style.height = `${height}px`;
  drawing.width = width;
  drawing.height = height;
  holder.append(drawing);
  document.body.append(holder);
  let chart: Chart | undefined;
  try {
    chart = new ChartJs(drawing, {
      ...config,
      options: { ...config.options, responsive: false, maintainAspectRatio: false, animation: false, devicePixelRatio: IMAGE_SCALE },
    });
    chart.draw();
    return composeImage(drawing, { width, height }, caption, theme);
  } finally {
    chart?.destroy();
    holder.remove();
  }
}

/**
 * An SVG drawing (the world map) as a deck-ready image: the element as it is on screen, with its colours written
 * in its attributes, drawn at IMAGE_SCALE through an image of its markup.
 */
export async function composeSvgImage(svg: SVGSVGElement, caption: ChartCaption, theme: ChartTheme): Promise<HTMLCanvasElement> {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width * IMAGE_SCALE));
  copy.setAttribute('height', String(height * IMAGE_SCALE));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return composeImage(image, { width, height }, caption, theme);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Lays `drawing` (IMAGE_SCALE times `size`) between a title band and a source band on the image canvas. */
function composeImage(
  drawing: CanvasImageSource,
  size: { width: number; height: number },
  caption: ChartCaption,
  theme: ChartTheme,
): HTMLCanvasElement {
  const { width, height } = size;
  const image = document.createElement('canvas');
  image.width = width * IMAGE_SCALE;
  image.height = (TITLE_BAND + height + SOURCE_BAND) * IMAGE_SCALE;
  const ctx = image.getContext('2d');
  if (!ctx) throw new Error('This window cannot draw images (no 2D canvas).');
  ctx.scale(IMAGE_SCALE, IMAGE_SCALE);
  ctx.fillStyle = theme.surface;
  ctx.fillRect(0, 0, width, TITLE_BAND + height + SOURCE_BAND);
  const family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
  const room = width - 2 * PADDING;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = theme.text;
  ctx.font = `600 16px ${family}`;
  ctx.fillText(fit(ctx, caption.title, room), PADDING, 24);
  ctx.fillStyle = theme.muted;
  ctx.font = `12px ${family}`;
  if (caption.unit) ctx.fillText(fit(ctx, t('chart.unitLine', { unit: caption.unit }), room), PADDING, 42);
  ctx.drawImage(drawing, 0, TITLE_BAND, width, height);
  ctx.font = `11px ${family}`;
  const made = 'Tradebrief';
  const madeWidth = ctx.measureText(made).width;
  ctx.fillText(fit(ctx, caption.source ?? t('chart.sourceAsCited'), room - madeWidth - 12), PADDING, TITLE_BAND + height + 20);
  ctx.textAlign = 'right';
  ctx.fillText(made, width - PADDING, TITLE_BAND + height + 20);
  return image;
}

export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart image could not be made.'))), 'image/png');
  });
}

export function pngBase64(canvas: HTMLCanvasElement): string {
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}
