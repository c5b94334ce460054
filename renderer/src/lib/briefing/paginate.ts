/**
 * The print preview's pages, cut the way Chromium cuts the printed document: the print layout is
 * drawn once, in one column as wide as the printable area, with the page frames behind it. Walking
 * the column in document order, whatever would cross the bottom of a page is moved to the top of the
 * next one:
 * - a unit that must not be split (`break-inside: avoid`: a chart, a KPI row, a route, the title
 *   block; a table row; a source) moves whole, with what must stay with it (a heading and its
 *   block, a caption and header with their table's first row: `break-after`/`break-before: avoid`;
 *   a block's closing note with the end of what it follows: its `break-before: avoid`);
 * - anything longer continues on the next page: a section between its children, a table between
 *   rows (its header repeated on the new page, as `display: table-header-group` prints it), a
 *   paragraph between lines (two lines at least on either side: orphans and widows);
 * - a Markdown image is never taller than a page (briefing.css).
 * Moves are padding (or margin) added to the moved element, line-break spacers inside paragraphs, and
 * repeated table headers laid over the column; `paginate` removes the previous ones first, so it can
 * run again after the layout changes (paper, orientation, data).
 */
export interface Pagination {
  pages: number;
}

/** Marks what paginate added (removed on the next run). */
const ADDED = 'data-page-added';
/** Layout positions are in 1/64 px: "fits" allows no more than that. */
const EPSILON = 0.05;
const ORPHANS = 2;
const WIDOWS = 2;

interface Restore {
  el: HTMLElement;
  prop: 'paddingTop' | 'marginTop';
  value: string;
}
const restores = new WeakMap<HTMLElement, Restore[]>();

function reset(column: HTMLElement): void {
  for (const r of (restores.get(column) ?? []).reverse()) r.el.style[r.prop] = r.value;
  restores.set(column, []);
  const parents = new Set<Node>();
  for (const added of column.querySelectorAll(`[${ADDED}]`)) {
    if (added.parentNode) parents.add(added.parentNode);
    added.remove();
  }
  // Line spacers split a text node in two: join them again.
  for (const parent of parents) parent.normalize();
}

const ATOMIC_TAGS = new Set(['TR', 'THEAD', 'CAPTION', 'FIGURE', 'IMG', 'CANVAS', 'SVG', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR']);

export function paginate(column: HTMLElement, contentHeight: number, stride: number): Pagination {
  reset(column);
  const undo = restores.get(column) ?? [];
  restores.set(column, undo);
  const origin = (): number => column.getBoundingClientRect().top;
  const pageOf = (y: number): number => Math.max(0, Math.floor((y + EPSILON) / stride));
  const nextTop = (y: number): number => (pageOf(y) + 1) * stride;
  const pageBottom = (y: number): number => pageOf(y) * stride + contentHeight;
  const atPageTop = (y: number): boolean => y - pageOf(y) * stride < 2;
  /** An element's box relative to the column: the top of what it shows (after padding added by a move). */
  const box = (el: Element): { top: number; bottom: number; height: number } => {
    const r = el.getBoundingClientRect();
    const o = origin();
    const pushed = el instanceof HTMLElement ? addedPadding(el) : 0;
    return { top: r.top - o + pushed, bottom: r.bottom - o, height: r.height - pushed };
  };
  const added = new WeakMap<HTMLElement, number>();
  const addedPadding = (el: HTMLElement): number => added.get(el) ?? 0;

  const style = (el: Element): CSSStyleDeclaration => getComputedStyle(el);
  const inFlow = (el: Element): boolean => {
    const s = style(el);
    return (
      s.display !== 'none' &&
      s.position !== 'absolute' &&
      s.position !== 'fixed' &&
      !s.display.startsWith('inline') &&
      !el.hasAttribute(ADDED)
    );
  };
  const avoidsBreakInside = (el: Element): boolean => ATOMIC_TAGS.has(el.tagName) || /avoid/.test(style(el).breakInside);
  const keepsWithNext = (el: Element): boolean => /avoid/.test(style(el).breakAfter) || el.tagName === 'CAPTION' || el.tagName === 'THEAD';
  const keepsWithPrevious = (el: Element): boolean => /avoid/.test(style(el).breakBefore);
  const flowChildren = (el: Element): HTMLElement[] => {
    if (el instanceof HTMLTableElement) {
      return [...el.children]
        .flatMap((c) => (c.tagName === 'TBODY' || c.tagName === 'TFOOT' ? [...c.children] : [c]))
        .filter((c): c is HTMLElement => c instanceof HTMLElement && inFlow(c));
    }
    return [...el.children].filter((c): c is HTMLElement => c instanceof HTMLElement && inFlow(c));
  };

  function record(el: HTMLElement, prop: Restore['prop']): void {
    if (!undo.some((r) => r.el === el && r.prop === prop)) undo.push({ el, prop, value: el.style[prop] });
  }
  function addPadding(el: HTMLElement, dy: number): void {
    record(el, 'paddingTop');
    el.style.paddingTop = `${parseFloat(style(el).paddingTop) + dy}px`;
  }

  /** Where `el`'s content starts: its first in-flow child's top, else the top of its content box. */
  function contentTop(el: HTMLElement): number {
    const first = flowChildren(el)[0];
    if (first) return first.getBoundingClientRect().top;
    const s = style(el);
    return el.getBoundingClientRect().top + parseFloat(s.borderTopWidth) + parseFloat(s.paddingTop);
  }

  /** Moves `el` down by `dy`, keeping its own box (border, background) with its content. */
  function shift(el: HTMLElement, dy: number): void {
    if (el instanceof HTMLTableRowElement) {
      for (const cell of el.cells) addPadding(cell, dy);
      added.set(el, addedPadding(el) + dy);
      return;
    }
    const s = style(el);
    const boxed = el instanceof HTMLTableElement || parseFloat(s.borderTopWidth) > 0 || s.backgroundColor !== 'rgba(0, 0, 0, 0)';
    if (!boxed) {
      // Padding stops the first child's top margin collapsing through `el`: that margin then shows inside it and
      // pushes the content further than `dy`. On paper it is dropped at the top of a page (a margin after an
      // unforced break is truncated), so the padding is reduced by what it exposed; a move shorter than that
      // margin moves the margin instead (below).
      const before = contentTop(el);
      const inline = el.style.paddingTop;
      addPadding(el, dy);
      const exposed = contentTop(el) - before - dy;
      if (exposed <= EPSILON || exposed <= dy) {
        if (exposed > EPSILON) el.style.paddingTop = `${parseFloat(style(el).paddingTop) - exposed}px`;
        added.set(el, addedPadding(el) + dy);
        return;
      }
      el.style.paddingTop = inline;
    }
    // A margin may collapse with its neighbours': set it, then correct by what moved.
    const before = el.getBoundingClientRect().top;
    record(el, 'marginTop');
    const margin = parseFloat(s.marginTop);
    el.style.marginTop = `${margin + dy}px`;
    const moved = el.getBoundingClientRect().top - before;
    if (Math.abs(moved - dy) > 0.5) el.style.marginTop = `${margin + dy + (dy - moved)}px`;
  }

  /** What moves when `el` must start a new page: `el`, or earlier content that must stay with it. */
  function moveTarget(el: HTMLElement): HTMLElement {
    let target = el;
    const page = pageOf(box(el).top);
    for (let guard = 0; guard < 50; guard++) {
      let candidate: HTMLElement | null = null;
      if (
        target instanceof HTMLTableRowElement &&
        target.parentElement?.tagName === 'TBODY' &&
        target === target.parentElement.firstElementChild
      ) {
        candidate = target.closest('table'); // caption and header stay with the first row
      } else {
        const prev = previousInFlow(target);
        if (prev && keepsWithNext(prev)) candidate = prev;
        else if (prev && keepsWithPrevious(target)) candidate = lastPiece(prev);
        else if (!prev && target.parentElement && target.parentElement !== column && startsAtTop(target, target.parentElement))
          candidate = target.parentElement;
      }
      if (!candidate || candidate === column || !column.contains(candidate)) break;
      const top = box(candidate).top;
      if (pageOf(top) !== page || atPageTop(top)) break;
      target = candidate;
    }
    return target;
  }
  /**
   * Nothing of `parent` shows above `child`: the child is at its top, or only its own top margin is between them
   * (a parent that is a formatting context of its own, such as a size container, keeps that margin inside).
   */
  function startsAtTop(child: HTMLElement, parent: HTMLElement): boolean {
    const top = box(parent).top;
    const at = box(child).top;
    return Math.abs(top - at) < 2 || Math.abs(top - (at - Math.max(0, parseFloat(style(child).marginTop)))) < 2;
  }
  /** The end of `el` that a page break may come before: its last row, line block or figure (Chromium breaks there to keep what follows with it). */
  function lastPiece(el: HTMLElement): HTMLElement {
    let piece = el;
    for (let guard = 0; guard < 50 && !avoidsBreakInside(piece); guard++) {
      const children = flowChildren(piece);
      if (children.length === 0) break;
      piece = children[children.length - 1]!;
    }
    return piece;
  }
  function previousInFlow(el: Element): HTMLElement | null {
    for (let p = el.previousElementSibling; p; p = p.previousElementSibling) if (p instanceof HTMLElement && inFlow(p)) return p;
    return null;
  }

  /** Moves `el` (with what stays with it) to the top of the next page; a table row gets its table's header repeated. */
  function moveToNextPage(el: HTMLElement): void {
    const target = moveTarget(el);
    const top = box(target).top;
    let dy = nextTop(top) - top;
    if (target instanceof HTMLTableRowElement) {
      const head = repeatHeader(target, nextTop(top));
      dy += head;
    }
    shift(target, dy);
  }

  /** Lays a copy of the row's table header at `y` (the new page's top); returns its height. */
  function repeatHeader(row: HTMLTableRowElement, y: number): number {
    const table = row.closest('table');
    const head = table?.tHead;
    const doc = column.querySelector('.briefing-doc');
    if (!table || !head || !doc) return 0;
    const copy = document.createElement('table');
    copy.className = table.className;
    copy.setAttribute(ADDED, '');
    copy.setAttribute('aria-hidden', 'true');
    const t = table.getBoundingClientRect();
    const c = column.getBoundingClientRect();
    Object.assign(copy.style, {
      position: 'absolute',
      left: `${t.left - c.left}px`,
      top: `${y}px`,
      width: `${t.width}px`,
      margin: '0',
      tableLayout: 'fixed',
    });
    const clone = head.cloneNode(true) as HTMLTableSectionElement;
    const widths = [...(head.rows[0]?.cells ?? [])].map((cell) => cell.getBoundingClientRect().width);
    [...(clone.rows[0]?.cells ?? [])].forEach((cell, i) => {
      cell.style.width = `${widths[i] ?? 0}px`;
    });
    copy.append(clone);
    doc.append(copy);
    return copy.getBoundingClientRect().height;
  }

  /**
   * Lines of a text block: tops and bottoms of its line boxes, in order (spacers and boxes left out).
   * A line box is its text's box grown by the half-leading above and below, which is what must fit
   * on the page.
   */
  function lines(el: HTMLElement): { top: number; bottom: number }[] {
    const range = document.createRange();
    const o = origin();
    const s = style(el);
    // Resolved as a length ("20.66px") or, for a bare number, as that number (times the font size).
    const lineHeight = s.lineHeight.endsWith('px') ? parseFloat(s.lineHeight) : parseFloat(s.lineHeight) * parseFloat(s.fontSize);
    const rects: DOMRect[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      rects.push(...range.getClientRects());
    }
    const out: { top: number; bottom: number }[] = [];
    for (const r of rects.sort((a, b) => a.top - b.top)) {
      if (r.height === 0 || r.width === 0) continue;
      const leading = Number.isFinite(lineHeight) ? Math.max(0, (lineHeight - r.height) / 2) : 0;
      const top = r.top - o - leading;
      const bottom = r.bottom - o + leading;
      const last = out[out.length - 1];
      if (last && top < last.bottom - 2) last.bottom = Math.max(last.bottom, bottom);
      else out.push({ top, bottom });
    }
    if (!Number.isFinite(lineHeight)) return out;
    // A text's box is rounded to whole px, so the line boxes above are up to half a px out. Lines of the
    // block's own height are laid exactly: each starts where the previous one (or the content box, or a
    // line spacer) ends, one line height (in layout units of 1/64 px) tall.
    const height = Math.round(lineHeight * 64) / 64;
    const b = el.getBoundingClientRect();
    const starts = [
      b.top - o + parseFloat(s.borderTopWidth) + parseFloat(s.paddingTop),
      ...[...el.querySelectorAll(`[${ADDED}]`)].map((spacer) => spacer.getBoundingClientRect().bottom - o),
    ];
    let at = Number.NEGATIVE_INFINITY;
    for (const line of out) {
      for (const start of starts) if (start <= line.top + 1 && start > at) at = start;
      if (Math.abs(line.top - at) < 1 && line.bottom - line.top < height + 1) {
        line.top = at;
        line.bottom = at + height;
      }
      at = line.bottom;
    }
    return out;
  }

  /** The text position where the line starting at `top` begins (first character at or below it). */
  function lineStart(el: HTMLElement, top: number): { node: Text; offset: number } | null {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const o = origin();
    const range = document.createRange();
    const charTop = (node: Text, i: number): number | null => {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      return r && r.width > 0 ? r.top - o : null;
    };
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const n = node.data.length;
      const lastTop =
        n > 0
          ? (() => {
              for (let i = n - 1; i >= 0; i--) {
                const t = charTop(node, i);
                if (t !== null) return t;
              }
              return null;
            })()
          : null;
      if (lastTop === null || lastTop < top - 2) continue;
      // Binary search for the first visible character whose top is at or below the line.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        let i = mid;
        let t = charTop(node, i);
        while (t === null && i < hi) t = charTop(node, ++i);
        if (t !== null && t >= top - 2) hi = mid;
        else lo = i + 1;
      }
      return { node, offset: lo };
    }
    return null;
  }

  /**
   * Continues a block of text on the following pages, between two lines, as often as it needs; false
   * when too few of its lines would stay on its first page (it must move whole).
   */
  function splitLines(el: HTMLElement): boolean {
    for (let guard = 0; guard < 200; guard++) {
      const all = lines(el);
      if (all.length === 0) return false; // no text (a picture): it moves whole
      let i = all.findIndex((l) => l.bottom > pageBottom(l.top) + EPSILON);
      if (i < 0) return true;
      if (all.length - i < WIDOWS) i = Math.max(0, all.length - WIDOWS); // widows: two lines at least go on
      const page = pageOf(all[i]!.top);
      const staying = all.slice(0, i).filter((l) => pageOf(l.top) === page).length;
      if (staying < ORPHANS) return !(guard === 0 && pageOf(all[0]!.top) === page); // orphans: move whole, or stop
      const line = all[i]!;
      const at = lineStart(el, line.top);
      if (!at) return guard > 0;
      const spacer = document.createElement('span');
      spacer.setAttribute(ADDED, '');
      spacer.setAttribute('aria-hidden', 'true');
      spacer.style.display = 'block';
      spacer.style.height = `${nextTop(line.top) - line.top}px`;
      const range = document.createRange();
      range.setStart(at.node, at.offset);
      range.insertNode(spacer);
    }
    return true;
  }

  /** Places `el` so that nothing of it crosses the bottom of a page it cannot cross. */
  function fit(el: HTMLElement): void {
    for (let guard = 0; guard < 8; guard++) {
      const b = box(el);
      const bottom = pageBottom(b.top);
      if (b.top >= bottom - EPSILON) {
        moveToNextPage(el);
        continue;
      } // starts in the gap between pages
      if (b.bottom <= bottom + EPSILON) return;
      const fitsOnAPage = b.height <= contentHeight + EPSILON;
      if (avoidsBreakInside(el) && fitsOnAPage) {
        if (atPageTop(b.top)) return;
        moveToNextPage(el);
        continue;
      }
      const children = flowChildren(el);
      if (children.length > 0) {
        for (const child of children) fit(child);
        return;
      }
      if (splitLines(el)) return;
      // Too few lines would stay on this page (or the block cannot be divided here): it starts the next one.
      if (!atPageTop(b.top)) {
        moveToNextPage(el);
        continue;
      }
      return; // taller than a page and not divisible: it runs on, as the printed page slices it
    }
  }

  for (const unit of column.querySelectorAll<HTMLElement>('[data-print-unit]')) fit(unit);
  const height = Math.max(column.scrollHeight, column.getBoundingClientRect().height);
  return { pages: Math.max(1, Math.ceil((height - EPSILON) / stride)) };
}
