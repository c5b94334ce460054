import { errorText } from '../../i18n/i18n.svelte.ts';

/** One place where errors and confirmations surface, whatever view raised them. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** An action offered with the notice (e.g. Undo); running it dismisses the notice. */
  action?: { label: string; run: () => void };
}

class Notices {
  items = $state<Notice[]>([]);
  #next = 1;

  push(kind: Notice['kind'], message: string, action?: Notice['action']): void {
    const id = this.#next++;
    this.items = [...this.items, action ? { id, kind, message, action } : { id, kind, message }];
    if (kind === 'info') setTimeout(() => this.dismiss(id), action ? 12000 : 6000);
  }

  error(error: unknown): void {
    this.push('error', errorText(error));
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
