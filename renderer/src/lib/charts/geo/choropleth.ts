/**
 * The colours of a choropleth of one value per country: countries with a figure coloured by it, the others in
 * the "not reported" colour (never as a zero). Values of one sign run light to dark on a logarithmic scale (a
 * partner of a few millions beside one of a hundred billions); a balance runs from deficit to surplus around a
 * pale zero.
 */
import type { ChartTheme } from '../theme.ts';

/** Decades the logarithmic scale spans below the largest figure; smaller ones take its first colour. */
const DECADES = 5;
const PAPER = '#f4f6f8';
const PALE = '#dfe9f5';

export interface ColourScale {
  /** A figure's colour; null (not reported) has the missing colour. */
  colour(value: number | null): string;
  missing: string;
  /** The legend bar's colours, from its left (0) to its right (1). */
  stops: { at: number; colour: string }[];
  /** The legend's labelled values and where they stand on the bar (0–1). */
  ticks: { at: number; value: number }[];
}

/** Mixes two #rrggbb colours. */
function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((x, i) => Math.round(x + (pb[i]! - x) * t)).join(', ')})`;
}

function hex(colour: string, fallback: string): string {
  return /^#[0-9a-f]{6}$/i.test(colour) ? colour : fallback;
}

const clamp = (t: number): number => Math.min(1, Math.max(0, t));

export function colourScale(values: readonly (number | null)[], diverging: boolean, theme: ChartTheme): ColourScale {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const high = hex(diverging ? theme.exportColour : theme.accent, '#0b5cad');
  const low = hex(theme.importColour, '#c2571a');
  const missing = hex(theme.grid, '#d0d7de');
  const largest = Math.max(1, ...known.map((v) => Math.abs(v)));
  const floor = largest / 10 ** DECADES;
  const interpolate = diverging
    ? (t: number): string => (t < 0.5 ? mix(low, PAPER, t / 0.5) : mix(PAPER, high, (t - 0.5) / 0.5))
    : (t: number): string => mix(PALE, high, t);
  const position = diverging
    ? (v: number): number => clamp((v + largest) / (2 * largest))
    : (v: number): number => clamp(Math.log10(Math.max(floor, v) / floor) / DECADES);
  let ticks: { at: number; value: number }[];
  if (diverging) {
    ticks = [-1, 0, 1].map((f) => ({ at: (f + 1) / 2, value: f * largest }));
  } else {
    // Powers of ten within the scale, every other one where there are more than three (labels need the room).
    const first = Math.ceil(Math.log10(floor));
    const powers = Array.from({ length: Math.floor(Math.log10(largest)) - first + 1 }, (_, i) => 10 ** (first + i));
    const step = powers.length > 3 ? 2 : 1;
    ticks = powers.filter((_, i) => (powers.length - 1 - i) % step === 0).map((value) => ({ at: position(value), value }));
  }
  return {
    colour: (value) => (value === null || !Number.isFinite(value) ? missing : interpolate(position(value))),
    missing,
    stops: Array.from({ length: 11 }, (_, i) => ({ at: i / 10, colour: interpolate(i / 10) })),
    ticks,
  };
}
