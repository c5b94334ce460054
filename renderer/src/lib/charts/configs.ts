/**
 * The dashboards' charts: Chart.js configurations built from data and the theme. Money is
 * plotted in the unit the user chose (USD bn by default), which the value axis names; axis titles
 * and legends are always shown.
 */
import type { ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import { fromUnit, money, moneyLabel, toUnit } from '../format.ts';
import { t } from '../../i18n/i18n.svelte.ts';
import type { ChartTheme } from './theme.ts';

function axes(theme: ChartTheme, xTitle: string, yTitle: string) {
  const common = {
    ticks: { color: theme.text },
    grid: { color: theme.grid },
    border: { color: theme.grid },
  };
  return {
    x: { ...common, title: { display: true, text: xTitle, color: theme.text } },
    y: { ...common, title: { display: true, text: yTitle, color: theme.text } },
  };
}

function legend(theme: ChartTheme) {
  return { display: true, position: 'top' as const, labels: { color: theme.text } };
}

export interface YearPoint {
  year: number;
  exports: number | null;
  imports: number | null;
  balance: number | null;
}

/** The same chart over any periods (months: "Jan 2023", …), one label per point. */
export function periodBalanceConfig(
  labels: readonly string[],
  points: readonly Omit<YearPoint, 'year'>[],
  names: { exports: string; imports: string; balance: string },
  theme: ChartTheme,
  periodTitle: string,
): ChartConfiguration {
  const scaled = (v: number | null): number | null => (v === null ? null : toUnit(v));
  return {
    type: 'bar',
    data: {
      labels: [...labels],
      datasets: [
        { type: 'bar', label: names.exports, data: points.map((p) => scaled(p.exports)), backgroundColor: theme.exportColour, order: 2 },
        { type: 'bar', label: names.imports, data: points.map((p) => scaled(p.imports)), backgroundColor: theme.importColour, order: 2 },
        {
          type: 'line',
          label: names.balance,
          data: points.map((p) => scaled(p.balance)),
          borderColor: theme.balanceColour,
          backgroundColor: theme.balanceColour,
          pointRadius: 3,
          borderWidth: 2,
          spanGaps: false,
          order: 1,
        },
      ],
    },
    options: {
      scales: axes(theme, periodTitle, moneyLabel()),
      plugins: {
        legend: legend(theme),
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) =>
              `${item.dataset.label ?? ''}: ${item.raw === null ? t('chart.notReported') : `${money(fromUnit(Number(item.raw)))} ${moneyLabel()}`}`,
          },
        },
      },
    },
  } as ChartConfiguration;
}

export interface BarSeries {
  label: string;
  values: (number | null)[];
  colour: string;
}

/** Grouped bars over categories; `horizontal` puts categories on the y axis. */
export function barConfig(
  categories: readonly (string | string[])[],
  series: readonly BarSeries[],
  opts: {
    categoryTitle: string;
    valueTitle: string;
    horizontal?: boolean;
    format: (v: number) => string;
    theme: ChartTheme;
    /** Series that never both have a value in one category: a category's one bar is drawn whole, not beside an empty slot. */
    exclusive?: boolean;
  },
): ChartConfiguration {
  const horizontal = opts.horizontal ?? false;
  const scales = axes(opts.theme, horizontal ? opts.valueTitle : opts.categoryTitle, horizontal ? opts.categoryTitle : opts.valueTitle);
  return {
    type: 'bar',
    data: {
      labels: categories.map((c) => (Array.isArray(c) ? [...c] : c)),
      datasets: series.map((s) => ({ label: s.label, data: [...s.values], backgroundColor: s.colour, skipNull: opts.exclusive ?? false })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      scales: { ...scales, [horizontal ? 'x' : 'y']: { ...scales[horizontal ? 'x' : 'y'], beginAtZero: true } },
      plugins: {
        legend: legend(opts.theme),
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) =>
              `${item.dataset.label ?? ''}: ${item.raw === null ? t('chart.notReported') : opts.format(Number(item.raw))}`,
          },
        },
      },
    },
  } as ChartConfiguration;
}

/** Floating horizontal bars: one [from, to] range per row (transit days, the span of days a date can mean). */
export function rangeConfig(
  rows: readonly (string | string[])[],
  ranges: readonly [number, number][],
  opts: {
    label: string;
    valueTitle: string;
    categoryTitle: string;
    colour: string | string[];
    tick: (v: number) => string;
    tooltip: (i: number) => string;
    min?: number;
    max?: number;
    theme: ChartTheme;
    stepSize?: number;
    /** Explicit tick positions (e.g. the first day of each month). */
    ticks?: number[];
    /** A vertical marker line (e.g. today) with its label. */
    marker?: { value: number; label: string };
  },
): ChartConfiguration {
  const scales = axes(opts.theme, opts.valueTitle, opts.categoryTitle);
  const marker = opts.marker;
  const markerPlugin: Plugin = {
    id: 'tbMarker',
    afterDatasetsDraw(chart) {
      if (!marker) return;
      const x = chart.scales['x']?.getPixelForValue(marker.value);
      const area = chart.chartArea;
      if (x === undefined || x < area.left || x > area.right) return;
      const { ctx } = chart;
      ctx.save();
      ctx.strokeStyle = opts.theme.warn;
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = opts.theme.text;
      ctx.font = '12px system-ui, sans-serif';
      ctx.textAlign = x > area.right - 80 ? 'right' : 'left';
      ctx.fillText(marker.label, x + (ctx.textAlign === 'right' ? -4 : 4), area.top + 12);
      ctx.restore();
    },
  };
  return {
    plugins: [markerPlugin],
    type: 'bar',
    data: {
      labels: [...rows],
      datasets: [
        {
          label: opts.label,
          data: ranges.map((r) => [...r]),
          backgroundColor: opts.colour,
          borderSkipped: false,
          barPercentage: 0.6,
          minBarLength: 6,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          ...scales.x,
          ...(opts.min !== undefined ? { min: opts.min } : {}),
          ...(opts.max !== undefined ? { max: opts.max } : {}),
          ticks: {
            ...scales.x.ticks,
            ...(opts.stepSize ? { stepSize: opts.stepSize } : {}),
            callback: (v: number | string) => opts.tick(Number(v)),
          },
          ...(opts.ticks
            ? {
                afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
                  axis.ticks = (opts.ticks ?? []).map((value) => ({ value }));
                },
              }
            : {}),
        },
        y: scales.y,
      },
      plugins: {
        legend: legend(opts.theme),
        tooltip: { callbacks: { label: (item: TooltipItem<'bar'>) => opts.tooltip(item.dataIndex) } },
      },
    },
  } as ChartConfiguration;
}
