/**
 * Chart.js with tree-shaken registration: only the controllers, elements, scales and plugins the
 * dashboards use are registered (and bundled).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';

let registered = false;

/** Paints the chart background with the theme's surface colour, so a saved PNG is readable in either theme. */
const background: Plugin = {
  id: 'tbBackground',
  beforeDraw(chart) {
    const colour = (chart.options.plugins as { tbBackground?: { colour?: string } } | undefined)?.tbBackground?.colour;
    if (!colour) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(
      BarController,
      LineController,
      BarElement,
      LineElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Legend,
      Tooltip,
      background,
    );
    registered = true;
  }
  return Chart;
}

export { Chart };
