/**
 * An area of the API (trade, sources, briefings…) is one object: its contract (method name → input
 * schema and result type) and the handlers that implement it, typed from that contract alone. The
 * joined contract (db/contract.ts) and the joined handlers (db/service.ts) are built from one list
 * of areas (db/areas.ts), so no area needs to know the others' methods.
 */
import type { z } from 'zod';
import type { Context } from './context.ts';
import type { Method } from './method.ts';

/** A contract part: each method's input schema and (as a type) its result. */
export type ContractPart = { readonly [name: string]: Method<z.core.$ZodType, unknown> };

/** One handler per method of contract C, given the already-validated input. */
export type HandlersOf<C> = {
  [M in keyof C]: C[M] extends Method<infer I, infer R> ? (input: z.output<I>) => R | Promise<R> : never;
};

export interface Area<C extends ContractPart> {
  readonly contract: C;
  readonly handlers: (ctx: Context) => HandlersOf<C>;
}

export function defineArea<C extends ContractPart>(contract: C, handlers: (ctx: Context) => HandlersOf<C>): Area<C> {
  return { contract, handlers };
}
