/**
 * The print preview's page breaks: the print layout is drawn once, in one column as wide as the
 * printable area; every unit (title block, block, source list) that would cross the bottom of a page
 * is pushed to the next page, as `break-inside: avoid` does on paper. Page frames are drawn behind.
 * A unit taller than a page starts a page and runs over (on paper its table rows continue on the
 * next page with the header repeated).
 */
export interface Pagination {
  pages: number;
}

export function paginate(column: HTMLElement, contentHeight: number, stride: number): Pagination {
  const units = [...column.querySelectorAll<HTMLElement>('[data-print-unit]')];
  for (const unit of units) unit.style.paddingTop = '';
  const origin = column.getBoundingClientRect().top;
  for (const unit of units) {
    const rect = unit.getBoundingClientRect();
    const top = rect.top - origin;
    const page = Math.floor(top / stride);
    const pageBottom = page * stride + contentHeight;
    const startsInGap = top >= pageBottom;
    const crosses = top + rect.height > pageBottom && rect.height <= contentHeight;
    const atPageTop = top - page * stride < 2;
    if (startsInGap || (crosses && !atPageTop)) unit.style.paddingTop = `${(page + 1) * stride - top}px`;
  }
  const height = column.getBoundingClientRect().height;
  return { pages: Math.max(1, Math.ceil(height / stride)) };
}
