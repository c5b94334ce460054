/**
 * Form validation with the contract's own schemas (db/common/edit-schemas.ts): the same rules and
 * messages before sending as the data core applies on receipt. Errors are keyed by the path the
 * dispatcher reports (`legs[0].fromPlaceId`, `date.value`), so a server's `invalid-input` details
 * land next to the same field as a local check would.
 */
import { config, safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
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

/** Each field's message by its path, as the data core gives it (written out when shown: `Say`). */
export type FieldMessages = Record<string, FieldMessage>;

const written = (messages: FieldMessages, say: Say): FieldErrors =>
  Object.fromEntries(Object.entries(messages).map(([path, m]) => [path, say(m)]));

/** Checks a value; returns the parsed value or the messages by field path (the first per path), not yet written. */
export function checkMessages<T>(schema: $ZodType<T>, value: unknown): { ok: true; data: T } | { ok: false; messages: FieldMessages } {
  const result = safeParse(schema, value);
  if (result.success) return { ok: true, data: result.data };
  const messages: FieldMessages = {};
  for (const issue of result.error.issues) messages[issuePath(issue.path)] ??= { message: issue.message, ...issueText(issue) };
  return { ok: false, messages };
}

/** Checks a value; returns the parsed value or the errors by field path (first message per path), written by `say`. */
export function check<T>(
  schema: $ZodType<T>,
  value: unknown,
  say: Say = inEnglish,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const checked = checkMessages(schema, value);
  return checked.ok ? checked : { ok: false, errors: written(checked.messages, say) };
}

/**
 * The field messages of a server's `invalid-input` answer (details.issues[{path, message, messageCode, params}]), or
 * null for any other error.
 */
export function serverFieldMessages(error: unknown): FieldMessages | null {
  if (!(error instanceof ClientError) || error.code !== 'invalid-input') return null;
  const issues = (error.details as { issues?: ({ path: string } & FieldMessage)[] } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const messages: FieldMessages = {};
  for (const { path, ...m } of issues) messages[path] ??= m;
  return messages;
}

/** The field errors of a server's `invalid-input` answer, written by `say`, or null for any other error. */
export function serverFieldErrors(error: unknown, say: Say = inEnglish): FieldErrors | null {
  const messages = serverFieldMessages(error);
  return messages && written(messages, say);
}

/** The DOM id of a field's error message (for aria-describedby). */
export function errorId(form: string, path: string): string {
  return `${form}-err-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
