/**
 * What every edit form of the Data view does the same way: a draft that starts blank, is filled from a listed item to
 * edit it and goes back to blank on Cancel or after a save; one submit flow (the contract's schema checks the input,
 * the field errors come from FormState, a notice says what was saved); one delete flow (asked first, then the list and
 * the views that show the data reload). An editor keeps only its fields, its draft ↔ input mapping and its messages.
 */
import type { ZodType } from 'zod';
import { notices } from './notices.svelte.ts';
import { FormState } from './form-state.svelte.ts';

export class Editor<Draft extends { id: string }> {
  form: Draft = $state() as Draft;
  readonly fs: FormState;
  private readonly blank: () => Draft;
  /** The items the editor lists, reloaded after a save or a delete. */
  private readonly list: { reload(): void };
  /** After a save or a delete, once the list is reloaded: the views that show the data. */
  private readonly changed: () => void;
  /** What else goes back to blank with the draft (a note beside a field). */
  private readonly onReset: () => void;

  constructor(formId: string, options: { blank: () => Draft; list: { reload(): void }; changed: () => void; onReset?: () => void }) {
    this.fs = new FormState(formId);
    this.blank = options.blank;
    this.list = options.list;
    this.changed = options.changed;
    this.onReset = options.onReset ?? (() => {});
    this.form = options.blank();
  }

  /** Whether an existing item is being edited (not a new one added). */
  get editing(): boolean {
    return this.form.id !== '';
  }

  /** Starts editing an item: its draft, no errors left from before, the first field focused. */
  edit(draft: Draft, first?: HTMLElement): void {
    this.form = draft;
    this.fs.clear();
    first?.focus();
  }

  reset(): void {
    this.form = this.blank();
    this.fs.clear();
    this.onReset();
  }

  /** Checks and sends `input`; on success says `saved` (written before the draft is cleared) and starts a new draft. */
  async save(schema: ZodType, input: unknown, send: () => Promise<unknown>, saved: () => string): Promise<void> {
    if (!(await this.fs.submit(schema, input, send))) return;
    notices.push('info', saved());
    this.reset();
    this.list.reload();
    this.changed();
  }

  /** Deletes an item once the user agrees to `question`; the draft is cleared when it was that item's. */
  async remove(id: string, question: string, send: () => Promise<unknown>): Promise<void> {
    if (!confirm(question)) return;
    try {
      await send();
      if (this.form.id === id) this.reset();
      this.list.reload();
      this.changed();
    } catch (error) {
      notices.error(error);
    }
  }

  /** The errors no field of `shown` (contract paths with their items and parts) displays, so none is ever lost. */
  otherErrors(shown: readonly string[]): [string, string][] {
    return Object.entries(this.fs.errors).filter(
      ([path]) => !shown.some((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`)),
    );
  }
}
