import type { CoreText, Said } from './core-messages.ts';

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
  /** In English (the CLI, logs); the page writes `messageCode` and `params` in its language when they are given. */
  message: string;
  messageCode?: CoreText['messageCode'];
  params?: CoreText['params'];
  details?: unknown;
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** The message as a code and its values (db/common/core-messages.ts), when it has one. */
  readonly text: CoreText | null;
  constructor(code: ErrorCode, message: string | Said, details?: unknown) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.text = typeof message === 'string' ? null : { messageCode: message.messageCode, params: message.params };
  }
  /** The error again from its shape (as it crossed a thread or a host). */
  static from(shape: ApiErrorShape): ApiError {
    const { code, message, messageCode, params, details } = shape;
    return new ApiError(code, messageCode ? { message, messageCode, params: params ?? {} } : message, details);
  }
  toJSON(): ApiErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.text ? { messageCode: this.text.messageCode, params: this.text.params } : {}),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
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
