/**
 * The Partners view's charts: several partners on one axis by year (values or shares), and the
 * rank of the top partners by year with rank 1 at the top. A missing value is a gap in the line,
 * never a zero.
 */
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { ChartTheme } from '../../lib/charts/theme.ts';
import { t } from '../../i18n/i18n.svelte.ts';
import { axisTick } from '../../lib/format.ts';

/** Distinct line colours that read on both the light and the dark surface. */
const PALETTE = [
  '#1f77b4',
  '#e0701b',
  '#2ca02c',
  '#c7386b',
  '#8c6bc9',
  '#a07c16',
  '#17a2b8',
  '#7f7f7f',
  '#d1495b',
  '#4e9a06',
  '#5d6dd6',
  '#b5651d',
];

export function seriesColour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

export interface LineSeries {
  label: string;
  values: (number | null)[];
  colour: string;
  dashed?: boolean;
}

function scales(theme: ChartTheme, yTitle: string) {
  const common = { ticks: { color: theme.text }, grid: { color: theme.grid }, border: { color: theme.grid } };
  return {
    x: { ...common, title: { display: true, text: t('partners.year'), color: theme.text } },
    y: { ...common, title: { display: true, text: yTitle, color: theme.text } },
  };
}

/** Lines by year on one value axis; `format` writes a value in the tooltip, the axis's ticks are plain numbers. */
export function lineConfig(
  years: readonly number[],
  series: readonly LineSeries[],
  opts: { valueTitle: string; format: (v: number) => string; theme: ChartTheme; beginAtZero?: boolean },
): ChartConfiguration {
  const s = scales(opts.theme, opts.valueTitle);
  return {
    type: 'line',
    data: {
      labels: years.map(String),
      datasets: series.map((x) => ({
        label: x.label,
        data: [...x.values],
        borderColor: x.colour,
        backgroundColor: x.colour,
        borderWidth: 2,
        pointRadius: 2,
        spanGaps: false,
        ...(x.dashed ? { borderDash: [6, 4] } : {}),
      })),
    },
    options: {
      scales: {
        x: s.x,
        y: {
          ...s.y,
          beginAtZero: opts.beginAtZero ?? true,
          ticks: { ...s.y.ticks, callback: (v: number | string) => axisTick(Number(v)) },
        },
      },
      plugins: {
        legend: { display: true, position: 'top', labels: { color: opts.theme.text } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              `${item.dataset.label ?? ''}: ${item.raw === null ? t('partners.notReported') : opts.format(Number(item.raw))}`,
          },
        },
      },
    },
  } as ChartConfiguration;
}

/** The ranks an axis down to `last` labels: every one up to 10, else rank 1 and every second or third after it. */
export function rankTicks(last: number): number[] {
  const step = Math.ceil(last / 10);
  const ticks: number[] = [];
  for (let rank = 1; rank <= last; rank += step) ticks.push(rank);
  return ticks;
}

/** A bump chart: each partner's rank by year, rank 1 at the top; a year it is not ranked is a gap. */
export function bumpConfig(
  years: readonly number[],
  series: readonly LineSeries[],
  opts: { maxRank: number; theme: ChartTheme; legendRight: boolean },
): ChartConfiguration {
  const s = scales(opts.theme, t('partners.rank'));
  const last = Math.max(2, opts.maxRank);
  return {
    type: 'line',
    data: {
      labels: years.map(String),
      datasets: series.map((x) => ({
        label: x.label,
        data: [...x.values],
        borderColor: x.colour,
        backgroundColor: x.colour,
        borderWidth: 2,
        pointRadius: 3,
        spanGaps: false,
      })),
    },
    options: {
      scales: {
        x: s.x,
        // Half a rank of room at either end, so that the lines on rank 1 and on the last rank are drawn whole.
        y: {
          ...s.y,
          reverse: true,
          min: 0.5,
          max: last + 0.5,
          afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
            axis.ticks = rankTicks(last).map((value) => ({ value }));
          },
          ticks: { ...s.y.ticks, autoSkip: false },
        },
      },
      plugins: {
        legend: { display: true, position: opts.legendRight ? 'right' : 'top', labels: { color: opts.theme.text, boxWidth: 14 } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              `${item.dataset.label ?? ''}: ${item.raw === null ? t('partners.notRanked') : t('partners.rankN', { rank: String(item.raw) })}`,
          },
        },
      },
    },
  } as ChartConfiguration;
}
