/** The treemap controller (chartjs-chart-treemap), registered on first use: a chunk of its own, out of the first paint. */
import type { ChartConfiguration } from 'chart.js';
import { registerCharts } from './register.ts';
import type { ChartTheme } from './theme.ts';

let loading: Promise<void> | undefined;

export function loadTreemap(): Promise<void> {
  loading ??= import('chartjs-chart-treemap').then(
    (m) => {
      registerCharts().register(m.TreemapController, m.TreemapElement);
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Whether a #rrggbb colour is dark (relative luminance under 0.4). */
function darkColour(colour: string): boolean {
  if (!/^#[0-9a-f]{6}$/i.test(colour)) return false;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
}

export interface TreemapItem {
  code: string;
  value: number;
  /** The label's second line ("12.3 bn · 18.0 %"). */
  caption: string;
}

/** A treemap of `items` (largest first), one colour per item from a ramp; `onPick` gets the item clicked. */
export function treemapConfig(
  items: readonly TreemapItem[],
  options: { label: string; theme: ChartTheme; onPick: ((item: TreemapItem) => void) | null; tooltip: (item: TreemapItem) => string },
): ChartConfiguration {
  const { theme } = options;
  const ramp = [theme.accent, theme.exportColour, theme.balanceColour, theme.importColour];
  // The dark theme's box colours are light: its labels take the (dark) surface colour, the light theme's white.
  const label = darkColour(theme.surface) ? theme.surface : '#ffffff';
  const itemOf = (ctx: { raw?: unknown }): TreemapItem | undefined =>
    (ctx.raw as { _data?: { children?: TreemapItem[] } & Partial<TreemapItem> } | undefined)?._data as TreemapItem | undefined;
  return {
    type: 'treemap',
    data: {
      datasets: [
        {
          label: options.label,
          tree: items.map((i) => ({ ...i })),
          key: 'value',
          data: [],
          spacing: 1,
          borderWidth: 0,
          backgroundColor: (ctx: { dataIndex: number }) => ramp[ctx.dataIndex % ramp.length]!,
          labels: {
            display: true,
            color: label,
            font: [{ size: 13, weight: 'bold' }, { size: 11 }],
            overflow: 'hidden',
            formatter: (ctx: { raw?: unknown }) => {
              const item = itemOf(ctx);
              return item ? [item.code, item.caption] : '';
            },
          },
        },
      ],
    },
    options: {
      onClick: (_event, elements, chart) => {
        const hit = elements[0];
        const item = hit ? itemOf({ raw: chart.data.datasets[0]!.data[hit.index] }) : undefined;
        if (item && options.onPick) options.onPick(item);
      },
      onHover: (event, elements) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.length > 0 && options.onPick ? 'pointer' : 'default';
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (ctx) => {
              const item = itemOf(ctx);
              return item ? options.tooltip(item) : '';
            },
          },
        },
      },
    },
  } as ChartConfiguration;
}
