import { errorText } from '../../i18n/i18n.svelte.ts';

/** One place where errors and confirmations surface, whatever view raised them. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** An action offered with the notice (e.g. Undo); running it dismisses the notice. */
  action?: { label: string; run: () => void };
}

/** How long an information stays once nothing holds it: longer where it offers an action. */
const SHOWN_MS = { plain: 6000, withAction: 12000 };

class Notices {
  items = $state<Notice[]>([]);
  #next = 1;
  /** The timers of informations (errors stay until dismissed), and what holds each: the focus, the pointer. */
  #timers = new Map<number, { ms: number; timer: ReturnType<typeof setTimeout> | null; holds: Set<string> }>();

  push(kind: Notice['kind'], message: string, action?: Notice['action']): void {
    const id = this.#next++;
    this.items = [...this.items, action ? { id, kind, message, action } : { id, kind, message }];
    if (kind === 'info') {
      this.#timers.set(id, { ms: action ? SHOWN_MS.withAction : SHOWN_MS.plain, timer: null, holds: new Set() });
      this.#run(id);
    }
  }

  /**
   * A notice the keyboard's focus or the pointer is on does not go away on its own (an Undo reached with Tab stays
   * until it is used or left); once left it has its whole time again.
   */
  hold(id: number, by: 'focus' | 'pointer'): void {
    const entry = this.#timers.get(id);
    if (!entry) return;
    entry.holds.add(by);
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
  }

  release(id: number, by: 'focus' | 'pointer'): void {
    const entry = this.#timers.get(id);
    if (!entry) return;
    entry.holds.delete(by);
    if (entry.holds.size === 0 && entry.timer === null) this.#run(id);
  }

  #run(id: number): void {
    const entry = this.#timers.get(id);
    if (entry) entry.timer = setTimeout(() => this.dismiss(id), entry.ms);
  }

  error(error: unknown): void {
    this.push('error', errorText(error));
  }

  dismiss(id: number): void {
    const timer = this.#timers.get(id)?.timer;
    if (timer) clearTimeout(timer);
    this.#timers.delete(id);
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
