/**
 * Form validation with the contract's own schemas (db/common/edit-schemas.ts): the same rules and
 * messages before sending as the data core applies on receipt. Errors are keyed by the path the
 * dispatcher reports (`legs[0].fromPlaceId`, `date.value`), so a server's `invalid-input` details
 * land next to the same field as a local check would.
 */
import { config, type ZodType } from 'zod';
import { ClientError } from './client.ts';
import { issuePath } from '../../../db/common/errors.ts';

// The CSP forbids eval: keep zod from probing `new Function` (its JIT) in the renderer.
config({ jitless: true });

export type FieldErrors = Record<string, string>;

/** Checks a value; returns the parsed value or the errors by field path (first message per path). */
export function check<T>(schema: ZodType<T>, value: unknown): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issuePath(issue.path);
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The field errors of a server's `invalid-input` answer (details.issues[{path, message}]), or null for any other error. */
export function serverFieldErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof ClientError) || error.code !== 'invalid-input') return null;
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const errors: FieldErrors = {};
  for (const i of issues) errors[i.path] ??= i.message;
  return errors;
}

/** The DOM id of a field's error message (for aria-describedby). */
export function errorId(form: string, path: string): string {
  return `${form}-err-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
