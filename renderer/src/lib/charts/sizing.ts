/**
 * Charts drawn once at a fixed size (paper) read their boxes together: the boxes of every chart created in one
 * update of the page are measured in one layout, then all are drawn. A chart that measures its own box as it
 * is created (Chart.js's responsive sizing) makes the page be laid out again for each chart, since the chart
 * drawn before changed it.
 */
interface Waiting {
  box: HTMLElement;
  draw: (size: { width: number; height: number }) => void;
  cancelled: boolean;
}

let waiting: Waiting[] | null = null;

function drawWaiting(): void {
  const batch = (waiting ?? []).filter((w) => !w.cancelled);
  waiting = null;
  // All reads first (one layout), then all draws.
  const sizes = batch.map((w) => ({ width: w.box.clientWidth, height: w.box.clientHeight }));
  batch.forEach((w, i) => w.draw(sizes[i]!));
}

/** Calls `draw` with `box`'s size once the charts created beside it are measured too; returns the function that cancels. */
export function drawAtBoxSize(box: HTMLElement, draw: (size: { width: number; height: number }) => void): () => void {
  const entry: Waiting = { box, draw, cancelled: false };
  if (!waiting) {
    waiting = [];
    queueMicrotask(drawWaiting);
  }
  waiting.push(entry);
  return () => {
    entry.cancelled = true;
  };
}
