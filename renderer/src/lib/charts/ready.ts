/**
 * Charts signal when they have drawn: each chart's wrapper carries data-chart-ready="true" once
 * its final frame is on the canvas, and `allChartsDrawn()` resolves when every chart mounted now
 * has drawn (for printing: wait for it before marking the page ready).
 */
const pending = new Set<Promise<void>>();

export function trackDrawn(drawn: Promise<void>): void {
  pending.add(drawn);
  void drawn.finally(() => pending.delete(drawn));
}

export async function allChartsDrawn(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
