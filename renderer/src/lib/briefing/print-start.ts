/**
 * What a print window starts as its entry script runs, before any other of the app's code has loaded: the bundled
 * CJK faces, and a briefing's data. In the entry (main.ts imports it statically) rather than in a chunk of its own,
 * whose load would queue behind the print view's code (in a traced print the fonts and the briefing then
 * started 165 ms after navigation, against 80 ms from the entry). print-ready.ts waits for what is started here.
 */
import type { Result } from '../../../../db/contract.ts';
import { callEarly } from '../api.ts';
import type { Route } from '../stores/router.svelte.ts';

export const CJK_KR = 'Tradebrief CJK KR';
export const CJK_SC = 'Tradebrief CJK SC';

/**
 * Starts loading both bundled CJK faces now, before the layout's data has arrived: the briefings of
 * this app nearly always name Korean or Chinese places, organisations or sources.
 */
export function loadCjkFaces(): void {
  for (const [family, sample] of [
    [CJK_KR, '한'],
    [CJK_SC, '中'],
  ] as const)
    void document.fonts.load(`16px "${family}"`, sample).catch(() => undefined);
}

let early: { id: string; briefing: Promise<Result<'getBriefing'>> } | undefined;

/** Starts a print window's fonts and, for a briefing, its data: called as the page starts, before its code has loaded. */
export function startPrintWindow(route: Route): void {
  if (route.view !== 'print') return;
  loadCjkFaces();
  const [kind, id] = route.rest;
  if (kind !== 'briefing' || !id) return;
  const briefing = callEarly('getBriefing', { id });
  briefing.catch(() => undefined); // the layout takes the error when it asks for the briefing
  early = { id, briefing };
}

/** The briefing `startPrintWindow` asked for, once: a later load (another briefing, a reload) asks the host again. */
export function takeEarlyBriefing(id: string): Promise<Result<'getBriefing'>> | undefined {
  if (early?.id !== id) return undefined;
  const { briefing } = early;
  early = undefined;
  return briefing;
}
