/**
 * F6 and Shift+F6 move the keyboard's focus from one region of the window to the next, as desktop applications do:
 * the sidebar (its current view's link), the view (its <main>), and the notices while there are any (the first one's
 * action, an Undo, else its own control). Without it, a notice's Undo is the last stop of the Tab order, after the whole
 * view.
 */
interface Region {
  area: Element;
  target: HTMLElement;
}

function regions(): Region[] {
  const found: Region[] = [];
  const sidebar = document.querySelector('nav.sidebar');
  const link = sidebar?.querySelector<HTMLElement>('a[aria-current="page"]') ?? sidebar?.querySelector<HTMLElement>('a[href]');
  if (sidebar && link) found.push({ area: sidebar, target: link });
  const main = document.querySelector<HTMLElement>('main');
  if (main) found.push({ area: main, target: main });
  const notices = document.querySelector('.notices');
  const control = notices?.querySelector<HTMLElement>('.notice-action') ?? notices?.querySelector<HTMLElement>('button');
  if (notices && control) found.push({ area: notices, target: control });
  return found;
}

/** Starts moving between regions on F6; returns the function that stops. */
export function cycleRegions(): () => void {
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'F6' || event.altKey || event.ctrlKey || event.metaKey) return;
    const all = regions();
    if (all.length === 0) return;
    event.preventDefault();
    const at = all.findIndex((r) => r.area.contains(document.activeElement));
    const step = event.shiftKey ? -1 : 1;
    const next = at === -1 ? (event.shiftKey ? all.length - 1 : 0) : (at + step + all.length) % all.length;
    all[next]!.target.focus();
  };
  addEventListener('keydown', onKey);
  return () => removeEventListener('keydown', onKey);
}
