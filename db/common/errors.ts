/** An error that crosses a host boundary as `{code, message, details}`. */
export type ErrorCode =
  | 'invalid-input'
  | 'unknown-method'
  | 'not-found'
  | 'conflict'
  | 'invalid-pack'
  | 'invalid-file'
  | 'not-a-database'
  | 'newer-schema'
  | 'corrupt-database'
  | 'read-only'
  | 'disk-full'
  | 'cancelled'
  | 'internal';

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Where in an input a validation issue (zod's `issue.path`) lies, written the same way by every
 * boundary: `legs[0].fromPlaceId`, `transitDays.max`, `date.value`; `whole` for the input itself.
 */
export function issuePath(path: readonly PropertyKey[], whole = '(input)'): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || whole
  );
}
