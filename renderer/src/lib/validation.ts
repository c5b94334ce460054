/**
 * Form validation with the contract's own schemas (db/common/edit-schemas.ts): the same rules and
 * messages before sending as the data core applies on receipt. Errors are keyed by the path the
 * dispatcher reports (`legs[0].fromPlaceId`, `date.value`), so a server's `invalid-input` details
 * land next to the same field as a local check would.
 */
import { config, type ZodType } from 'zod';
import { ClientError } from './client.ts';
import { issuePath } from '../../../db/common/errors.ts';
import { issueText, type CoreParams } from '../../../db/common/core-messages.ts';

// The CSP forbids eval: keep zod from probing `new Function` (its JIT) in the renderer.
config({ jitless: true });

export type FieldErrors = Record<string, string>;

/** A field's message as the data core gives it: English, and its code and values (db/common/core-messages.ts). */
export interface FieldMessage {
  message: string;
  messageCode?: string;
  params?: CoreParams;
}
/** Writes a field's message: the forms pass the interface's language (tCore); English by default. */
export type Say = (text: FieldMessage) => string;
const inEnglish: Say = (text) => text.message;

/** Checks a value; returns the parsed value or the errors by field path (first message per path). */
export function check<T>(
  schema: ZodType<T>,
  value: unknown,
  say: Say = inEnglish,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issuePath(issue.path);
    errors[key] ??= say({ message: issue.message, ...issueText(issue) });
  }
  return { ok: false, errors };
}

/**
 * The field errors of a server's `invalid-input` answer (details.issues[{path, message, messageCode, params}]), or
 * null for any other error.
 */
export function serverFieldErrors(error: unknown, say: Say = inEnglish): FieldErrors | null {
  if (!(error instanceof ClientError) || error.code !== 'invalid-input') return null;
  const issues = (error.details as { issues?: ({ path: string } & FieldMessage)[] } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const errors: FieldErrors = {};
  for (const i of issues) errors[i.path] ??= say(i);
  return errors;
}

/** The DOM id of a field's error message (for aria-describedby). */
export function errorId(form: string, path: string): string {
  return `${form}-err-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
