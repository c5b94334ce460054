/**
 * The state every edit form shares: field errors (from the local check with the contract's own schema,
 * or from the server's `invalid-input` details), a form-level error, and "saving". One submit flow for
 * all forms: check → send → errors next to their fields, focus on the first one.
 *
 * The errors are kept as the data core gives them (code and values) and written when read, so that they follow a
 * language chosen after the submit.
 */
import type { $ZodType } from 'zod/v4/core';
import { checkMessages, errorId, serverFieldMessages, type FieldErrors, type FieldMessages } from '../validation.ts';
import { errorText, tCore } from '../../i18n/i18n.svelte.ts';

export class FormState {
  private messages = $state.raw<FieldMessages>({});
  /** What the server refused with, for no field in particular. */
  private refusal = $state.raw<{ error: unknown } | null>(null);
  saving = $state(false);
  readonly id: string;

  constructor(id: string) {
    this.id = id;
  }

  /** Each field's error in the interface's language, by its path. */
  get errors(): FieldErrors {
    return Object.fromEntries(Object.entries(this.messages).map(([path, m]) => [path, tCore(m)]));
  }

  /** An error that belongs to no field (the server refused for another reason), in the interface's language. */
  get error(): string | null {
    return this.refusal ? errorText(this.refusal.error) : null;
  }

  /** aria-invalid for a field path. */
  invalid = (path: string): 'true' | undefined => (this.messages[path] ? 'true' : undefined);
  /** aria-describedby for a field path (the id of its error message). */
  described = (path: string): string | undefined => (this.messages[path] ? errorId(this.id, path) : undefined);

  /** Forgets the fields' errors (what they were said of has changed). */
  clearFields(): void {
    this.messages = {};
  }

  clear(): void {
    this.messages = {};
    this.refusal = null;
  }

  /** Checks `value` with `schema`, then runs `send`; true when it was saved. */
  async submit(schema: $ZodType, value: unknown, send: () => Promise<unknown>): Promise<boolean> {
    this.refusal = null;
    const checked = checkMessages(schema, value);
    if (!checked.ok) {
      this.messages = checked.messages;
      this.focusFirstError();
      return false;
    }
    this.messages = {};
    this.saving = true;
    try {
      await send();
      return true;
    } catch (error) {
      const fields = serverFieldMessages(error);
      if (fields) {
        this.messages = fields;
        this.focusFirstError();
      } else {
        this.refusal = { error };
      }
      return false;
    } finally {
      this.saving = false;
    }
  }

  private focusFirstError(): void {
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-form="${this.id}"] [aria-invalid="true"]`)?.focus());
  }
}
