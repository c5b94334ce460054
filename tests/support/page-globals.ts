/**
 * The DOM a layout test or benchmark reads inside `page.evaluate`, typed for what they use: the tests are
 * type-checked without the DOM library (Node code must not reach for `document`). Inside a callback run in
 * the page: `const { document } = globalThis as unknown as PageGlobals;` (a type only: nothing is imported
 * into the page).
 */
export interface PageBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

export interface PageElement {
  id: string;
  href: string;
  textContent: string | null;
  style: { setProperty(name: string, value: string): void; removeProperty(name: string): void; position: string; zIndex: string };
  getBoundingClientRect(): PageBox;
  contains(other: PageElement | null): boolean;
  click(): void;
  append(...nodes: PageElement[]): void;
  getAttribute(name: string): string | null;
}

export interface PageGlobals {
  document: {
    title: string;
    scrollingElement: { scrollWidth: number; scrollHeight: number } | null;
    querySelector(selector: string): PageElement | null;
    getElementById(id: string): PageElement | null;
    createElement(tag: string): PageElement;
    elementFromPoint(x: number, y: number): PageElement | null;
  };
  innerWidth: number;
  innerHeight: number;
  scrollY: number;
  scrollTo(x: number, y: number): void;
  location: { hash: string };
  requestAnimationFrame(callback: () => void): number;
}
