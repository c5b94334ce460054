/**
 * What every edit form of the Data view does the same way: a draft that starts blank, is filled from a listed item to
 * edit it and goes back to blank on Cancel or after a save; one submit flow (the contract's schema checks the input,
 * the field errors come from FormState, a notice says what was saved); one delete flow (asked first, then the list and
 * the views that show the data reload). An editor keeps only its fields, its draft ↔ input mapping and its messages.
 *
 * A draft outlives its form: leaving the Data view for another and coming back finds it as it was left (the form's
 * component is made again), until it is saved, cancelled or deleted. Drafts are kept in this window's memory only:
 * what the user has not chosen to save is not written anywhere.
 */
import type { $ZodType } from 'zod/v4/core';
import { notices } from './notices.svelte.ts';
import { FormState } from './form-state.svelte.ts';

/** Each form's draft and note, by the form's id. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read when a form is made again: nothing renders from this map
const kept = new Map<string, { form: unknown; note: (() => string) | null }>();

export class Editor<Draft extends { id: string }> {
  form: Draft = $state() as Draft;
  /**
   * What the page says of the draft under one of its fields (a date the source stated relative to a report, which a
   * save keeps as a calendar date only); written when shown, so that it follows a change of language.
   */
  note = $state<(() => string) | null>(null);
  readonly fs: FormState;
  private readonly formId: string;
  private readonly blank: () => Draft;
  /** The items the editor lists, reloaded after a save or a delete. */
  private readonly list: { reload(): void };
  /** After a save or a delete, once the list is reloaded: the views that show the data. */
  private readonly changed: () => void;

  constructor(formId: string, options: { blank: () => Draft; list: { reload(): void }; changed: () => void }) {
    this.fs = new FormState(formId);
    this.formId = formId;
    this.blank = options.blank;
    this.list = options.list;
    this.changed = options.changed;
    const left = kept.get(formId);
    this.start((left?.form as Draft | undefined) ?? options.blank(), left?.note ?? null);
  }

  /** Makes `draft` the form's (the field's edits then change it in place) and keeps it for the form's next showing. */
  private start(draft: Draft, note: (() => string) | null): void {
    this.form = draft;
    this.note = note;
    kept.set(this.formId, { form: this.form, note });
  }

  /** Whether an existing item is being edited (not a new one added). */
  get editing(): boolean {
    return this.form.id !== '';
  }

  /** Starts editing an item: its draft and the note on it, no errors left from before, the first field focused. */
  edit(draft: Draft, first?: HTMLElement, note: (() => string) | null = null): void {
    this.start(draft, note);
    this.fs.clear();
    first?.focus();
  }

  reset(): void {
    this.start(this.blank(), null);
    this.fs.clear();
  }

  /** Checks and sends `input`; on success says `saved` (written before the draft is cleared) and starts a new draft. */
  async save(schema: $ZodType, input: unknown, send: () => Promise<unknown>, saved: () => string): Promise<void> {
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
