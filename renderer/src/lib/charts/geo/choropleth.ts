/**
 * A choropleth of one value per country (chartjs-chart-geo, loaded by world.ts): every country's
 * shape drawn, those with a figure coloured by it and the others in the "not reported" colour
 * (never as a zero). Values of one sign run light to dark on a logarithmic scale (a partner
 * of a few millions beside one of a hundred billions); a balance runs from deficit to surplus
 * around a white zero.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ChartTheme } from '../theme.ts';
import { t } from '../../../i18n/i18n.svelte.ts';
import { economyName } from '../../format.ts';
import { mapProjection, type CountryShape } from './world.ts';

export interface MapValue {
  shape: CountryShape;
  /** null: not reported. */
  value: number | null;
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

export function choroplethConfig(
  values: readonly MapValue[],
  options: {
    label: string;
    diverging: boolean;
    theme: ChartTheme;
    format: (value: number) => string;
    onPick: (shape: CountryShape) => void;
  },
): ChartConfiguration {
  const { theme } = options;
  const known = values.filter((v): v is MapValue & { value: number } => v.value !== null);
  const high = hex(options.diverging ? theme.exportColour : theme.accent, '#0b5cad');
  const low = hex(theme.importColour, '#c2571a');
  const paper = '#f4f6f8';
  const largest = Math.max(1, ...known.map((v) => Math.abs(v.value)));
  // The logarithmic scale starts five decades below the largest figure; smaller ones take its first colour.
  const floor = largest / 1e5;
  const interpolate = options.diverging
    ? (t: number): string => (t < 0.5 ? mix(low, paper, t / 0.5) : mix(paper, high, (t - 0.5) / 0.5))
    : (t: number): string => mix('#dfe9f5', high, t);
  const missing = hex(theme.grid, '#d0d7de');
  return {
    type: 'choropleth',
    data: {
      labels: values.map((v) => v.shape.name),
      datasets: [
        {
          label: options.label,
          outline: values.map((v) => v.shape.feature),
          data: values.map((v) => ({
            feature: v.shape.feature,
            value: v.value === null ? NaN : options.diverging ? v.value : Math.max(floor, v.value),
          })),
          borderColor: theme.surface,
          borderWidth: 0.4,
        },
      ],
    },
    options: {
      showOutline: false,
      showGraticule: false,
      onClick: (_event, elements) => {
        const hit = elements[0];
        const picked = hit ? values[hit.index] : undefined;
        if (picked && picked.value !== null && picked.shape.iso3) options.onPick(picked.shape);
      },
      onHover: (event, elements) => {
        const target = event.native?.target as HTMLElement | undefined;
        const hit = elements[0] ? values[elements[0].index] : undefined;
        if (target) target.style.cursor = hit && hit.value !== null ? 'pointer' : 'default';
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const v = values[ctx.dataIndex];
              if (!v) return '';
              const name = v.shape.iso3 ? economyName(v.shape.iso3, v.shape.name) : v.shape.name;
              return `${name}: ${v.value === null ? t('partners.notReported') : options.format(v.value)}`;
            },
          },
        },
      },
      scales: {
        projection: { axis: 'x', projection: mapProjection() },
        color: {
          axis: 'x',
          type: options.diverging ? 'color' : 'colorLogarithmic',
          interpolate,
          missing,
          ...(options.diverging ? { min: -largest, max: largest } : { min: floor, max: largest }),
          legend: { position: 'bottom-left', align: 'right', length: 160 },
          ticks: { color: theme.muted, maxTicksLimit: 5, callback: (v: number | string) => options.format(Number(v)) },
        },
      },
    } as ChartConfiguration['options'],
  } as ChartConfiguration;
}
