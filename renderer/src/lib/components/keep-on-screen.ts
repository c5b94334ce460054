/**
 * Places a popover beside its anchor and keeps it inside the window: below the anchor, or above it when there
 * is more room there; shifted left or right at the window's edges. Fixed positioning, so a table that scrolls
 * sideways (or any frame with overflow) does not clip it.
 */
const MARGIN = 8;
const GAP = 4;

export function keepOnScreen(popover: HTMLElement): () => void {
  const anchor = popover.parentElement;
  if (!anchor) return () => {};

  const place = (): void => {
    const a = anchor.getBoundingClientRect();
    const width = Math.min(popover.offsetWidth, innerWidth - 2 * MARGIN);
    const height = popover.offsetHeight;
    const left = Math.max(MARGIN, Math.min(a.left, innerWidth - MARGIN - width));
    const below = innerHeight - a.bottom - GAP - MARGIN;
    const above = a.top - GAP - MARGIN;
    const top = height <= below || below >= above ? a.bottom + GAP : Math.max(MARGIN, a.top - GAP - height);
    popover.style.left = `${Math.round(left)}px`;
    popover.style.top = `${Math.round(top)}px`;
    popover.dataset['placement'] = top < a.top ? 'above' : 'below';
  };

  popover.style.position = 'fixed';
  popover.style.maxWidth = `calc(100vw - ${2 * MARGIN}px)`;
  place();
  // The page or a frame scrolls, or the window changes size: follow the anchor.
  addEventListener('scroll', place, { capture: true, passive: true });
  addEventListener('resize', place, { passive: true });
  return () => {
    removeEventListener('scroll', place, { capture: true });
    removeEventListener('resize', place);
  };
}
