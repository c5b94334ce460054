/**
 * Keeps the keyboard's place when the page takes the focused control away. A control that an action removes (a
 * deleted row's Delete, a removed block's Remove, a link that opens another view) or disables while it works (Save
 * while saving) would leave the focus on <body>: the next Tab starts again at the top of the window, and a screen
 * reader says nothing of where the user is. Here, in one place for every view:
 * - a control disabled while it had the focus gets it back when it is enabled again (unless the user went elsewhere
 *   or put the pointer down outside any control);
 * - a control removed hands the focus to the control that took its place: the same kind of control (its tag and its
 *   words: the next row's "Delete", else the last one's) in the nearest part of the page still there, else to that
 *   part itself where it can hold the focus, or to its first control where it is a group of them (a breadcrumb, a
 *   list, a form, a section), else to the view's <main>.
 */

/** A control that can hold the focus: the page's, or an SVG's (a country of the world map). */
type Focusable = HTMLElement | SVGElement;

/** What is remembered of the focused control, while it is there. */
interface Place {
  element: Focusable;
  /** Its ancestors up to <main> (or the document), nearest first, each with the control's index among its kind there. */
  ancestors: { element: HTMLElement; index: number }[];
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';
/** A part of the page whose first control stands for it (a breadcrumb, a list, a form, a section). */
const GROUP = 'nav, ol, ul, form, fieldset, section, [role="group"], [role="region"], [role="toolbar"]';

function kindOf(element: Focusable): string {
  return `${element.tagName}|${(element.textContent ?? '').trim()}`;
}

function sameKind(root: HTMLElement, kind: string): Focusable[] {
  const tag = kind.slice(0, kind.indexOf('|'));
  return [...root.querySelectorAll<Focusable>(tag)].filter((e) => kindOf(e) === kind && usable(e));
}

const disabled = (element: Focusable): boolean => 'disabled' in element && element.disabled === true;

function usable(element: Focusable): boolean {
  return element.isConnected && !disabled(element) && element.getClientRects().length > 0 && element.tabIndex >= 0;
}

function placeOf(element: Focusable): Place {
  const kind = kindOf(element);
  const ancestors: Place['ancestors'] = [];
  for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
    ancestors.push({ element: up, index: sameKind(up, kind).indexOf(element) });
    if (up.tagName === 'MAIN') break;
  }
  return { element, ancestors };
}

/** The control that takes a removed one's place, or the part of the page it was in. */
function successor(place: Place): Focusable | null {
  const kind = kindOf(place.element);
  for (const { element: up, index } of place.ancestors) {
    if (!up.isConnected) continue;
    const candidates = sameKind(up, kind);
    if (candidates.length > 0) return candidates[Math.min(Math.max(index, 0), candidates.length - 1)]!;
    if (up.matches(FOCUSABLE) && up.tabIndex >= -1 && up.getClientRects().length > 0) return up;
    if (up.matches(GROUP)) {
      const first = [...up.querySelectorAll<Focusable>(FOCUSABLE)].find(usable);
      if (first) return first;
    }
  }
  return document.querySelector<HTMLElement>('main');
}

const lost = (): boolean => document.activeElement === null || document.activeElement === document.body;

/** Starts keeping the focus for the window's document; returns the function that stops it. */
export function keepFocus(): () => void {
  let place: Place | null = null;
  /** A control disabled while focused: given the focus back when enabled, unless the focus went elsewhere meanwhile. */
  let waiting: Focusable | null = null;

  const onFocusIn = (event: FocusEvent): void => {
    const target = event.target;
    waiting = null;
    place = (target instanceof HTMLElement || target instanceof SVGElement) && target !== document.body ? placeOf(target) : null;
  };
  // A control that lets the focus go while it is still there and usable was blurred on purpose (or the window lost
  // the focus, which gives it back by itself): nothing to keep then.
  // Chromium also blurs a control it is removing, while it is still in the page: looked at once the removal is done.
  const onFocusOut = (event: FocusEvent): void => {
    const target = event.target;
    if (event.relatedTarget !== null) return;
    setTimeout(() => {
      if (lost() && place?.element === target && usable(place.element)) place = null;
    });
  };
  // A pointer put down outside any control moves the focus to <body> on purpose: nothing to keep then.
  const onPointerDown = (event: PointerEvent): void => {
    if (!(event.target instanceof Element) || !event.target.closest(FOCUSABLE)) {
      place = null;
      waiting = null;
    }
  };
  const check = (): void => {
    if (!lost()) return;
    if (waiting) {
      if (!waiting.isConnected) {
        waiting = null;
      } else if (usable(waiting)) {
        const back = waiting;
        waiting = null;
        back.focus();
        return;
      } else {
        return;
      }
    }
    if (!place) return;
    const { element } = place;
    if (element.isConnected && disabled(element)) {
      waiting = element;
      return;
    }
    // Chromium takes the focus from a disabled control when it next lays the page out, which may come after the
    // change that disabled it: the control, enabled again and still there, takes it back.
    if (usable(element)) {
      element.focus();
      return;
    }
    const next = successor(place);
    if (next) next.focus();
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('focusout', onFocusOut);
  document.addEventListener('pointerdown', onPointerDown, true);
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', onFocusIn);
    document.removeEventListener('focusout', onFocusOut);
    document.removeEventListener('pointerdown', onPointerDown, true);
  };
}
