import type { z } from 'zod';

/** One API method: the zod schema of its input (zod's full entry or `zod/mini`) and (as a type only) its result. */
export interface Method<I extends z.core.$ZodType, R> {
  readonly input: I;
  /** Phantom: carries the result type, never read at run time. */
  readonly result?: R;
}

/** `method<Result>()(inputSchema)`: the result type is given, the input type comes from the schema. */
export function method<R>() {
  return <I extends z.core.$ZodType>(input: I): Method<I, R> => ({ input });
}
