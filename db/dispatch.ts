import { contract, isMethodName, type Envelope, type Handlers } from './contract.ts';
import { ApiError, issuePath } from './common/errors.ts';
import { issueText, said } from './common/core-messages.ts';
import { mapSqliteError } from './open.ts';
import type { Method } from './method.ts';
import { safeParse, type z } from 'zod';

/** A method name for an error message, whatever was sent (String() throws on a null-prototype object). */
function describeName(name: unknown): string {
  try {
    return String(name).slice(0, 80);
  } catch {
    return `(${typeof name})`;
  }
}

/**
 * The one entry point of every host: checks the method name, validates the input with the
 * method's schema, runs the handler and returns data or a structured error. Never throws.
 */
export async function dispatch(handlers: Handlers, name: unknown, input: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(name)) throw new ApiError('unknown-method', `Unknown method: ${describeName(name)}`);
    const schema = (contract[name] as Method<z.core.$ZodType, unknown>).input;
    const parsed = safeParse(schema, input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message, ...issueText(i) }));
      const first = issues[0];
      throw new ApiError('invalid-input', `Invalid input for ${name}: ${first ? `${first.path}: ${first.message}` : 'rejected'}`, {
        issues,
      });
    }
    const handler = handlers[name] as (input: unknown) => unknown;
    const data = await handler(parsed.data);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
    // A full disk, a read-only file, a damaged page: said as such (the write was rolled back).
    const mapped = mapSqliteError(error, said('dbTheFile'));
    if (mapped instanceof ApiError)
      return { ok: false, error: { ...mapped.toJSON(), message: mapped.message.charAt(0).toUpperCase() + mapped.message.slice(1) } };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `Unexpected error: ${message}` } };
  }
}
