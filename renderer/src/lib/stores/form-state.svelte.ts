/**
 * The state every edit form shares: field errors (from the local check with the contract's own schema,
 * or from the server's `invalid-input` details), a form-level error, and "saving". One submit flow for
 * all forms: check → send → errors next to their fields, focus on the first one.
 */
import type { ZodType } from 'zod';
import { check, errorId, serverFieldErrors, type FieldErrors } from '../validation.ts';
import { errorText, tCore } from '../../i18n/i18n.svelte.ts';

export class FormState {
  errors = $state<FieldErrors>({});
  /** An error that belongs to no field (the server refused for another reason). */
  error = $state<string | null>(null);
  saving = $state(false);
  readonly id: string;

  constructor(id: string) {
    this.id = id;
  }

  /** aria-invalid for a field path. */
  invalid = (path: string): 'true' | undefined => (this.errors[path] ? 'true' : undefined);
  /** aria-describedby for a field path (the id of its error message). */
  described = (path: string): string | undefined => (this.errors[path] ? errorId(this.id, path) : undefined);

  clear(): void {
    this.errors = {};
    this.error = null;
  }

  /** Checks `value` with `schema`, then runs `send`; true when it was saved. */
  async submit(schema: ZodType, value: unknown, send: () => Promise<unknown>): Promise<boolean> {
    this.error = null;
    const checked = check(schema, value, tCore);
    if (!checked.ok) {
      this.errors = checked.errors;
      this.focusFirstError();
      return false;
    }
    this.errors = {};
    this.saving = true;
    try {
      await send();
      return true;
    } catch (error) {
      const fields = serverFieldErrors(error, tCore);
      if (fields) {
        this.errors = fields;
        this.focusFirstError();
      } else {
        this.error = errorText(error);
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
