/**
 * The typed client: one function per contract method over any transport that carries
 * `(method, input)` to a host and brings back an envelope. The Electron preload exposes the
 * envelope form as `window.tradebrief` (errors would lose their code crossing the context
 * bridge, envelopes do not); the renderer unwraps it into functions that throw `ClientError`.
 * The HTTP host's browser side builds the same client over fetch. Imports types only.
 */
import type { Client, Envelope, MethodName, RawClient } from '../../../db/contract.ts';
import type { ApiErrorShape, ErrorCode } from '../../../db/common/errors.ts';

export type Invoke = (method: MethodName, input: unknown) => Promise<Envelope<unknown>>;

/** The error the client throws: the host's `{code, message, details}`. */
export class ClientError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** The message's code and values, for the interface's language (tCore), when the core gave them. */
  readonly messageCode?: ApiErrorShape['messageCode'];
  readonly params?: ApiErrorShape['params'];
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ClientError';
    this.code = shape.code;
    this.details = shape.details;
    if (shape.messageCode) {
      this.messageCode = shape.messageCode;
      this.params = shape.params ?? {};
    }
  }
}

/** One function per method, resolving to the host's envelope. */
export function createClient(invoke: Invoke, methods: readonly MethodName[]): RawClient {
  const client: Record<string, (input?: unknown) => Promise<Envelope<unknown>>> = {};
  for (const name of methods) client[name] = (input: unknown = {}) => invoke(name, input);
  return Object.freeze(client) as unknown as RawClient;
}

/** The same methods, resolving to data and throwing `ClientError` on an error envelope. */
export function unwrapClient(raw: RawClient): Client {
  const client: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const [name, call] of Object.entries(raw as unknown as Record<string, (input?: unknown) => Promise<Envelope<unknown>>>)) {
    client[name] = async (input: unknown = {}) => {
      const envelope = await call(input);
      if (envelope.ok) return envelope.data;
      throw new ClientError(envelope.error);
    };
  }
  return Object.freeze(client) as unknown as Client;
}
