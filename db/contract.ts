/**
 * The whole API between the renderer and a host: one entry per method, each with the zod schema of
 * its input and the type of its result, joined from the areas' contracts (db/areas.ts: each area
 * declares its methods in db/<area>/contract.ts). The renderer and the preload import only its
 * types; the hosts bind it with one generic loop each.
 */
import type { z } from 'zod';
import type { ApiErrorShape } from './common/errors.ts';
import type { Area, ContractPart, HandlersOf } from './area.ts';
import type { Method } from './method.ts';
import { areas } from './areas.ts';

type ContractOfArea<A> = A extends Area<infer C> ? C : never;
type Join<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R] ? ContractOfArea<H> & Join<R> : unknown;
export type Contract = Join<typeof areas>;

/** Joins the areas' contracts; a method name declared twice is a programming error. */
function join(parts: readonly ContractPart[]): Contract {
  const all: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, entry] of Object.entries(part)) {
      if (name in all) throw new Error(`Contract method declared twice: ${name}`);
      all[name] = entry;
    }
  }
  return Object.freeze(all) as Contract;
}

export const contract: Contract = join(areas.map((area) => area.contract));

export type MethodName = keyof Contract & string;
export type Input<M extends MethodName> = Contract[M] extends Method<infer I, unknown> ? z.input<I> : never;
export type ParsedInput<M extends MethodName> = Contract[M] extends Method<infer I, unknown> ? z.output<I> : never;
export type Result<M extends MethodName> = Contract[M] extends Method<z.core.$ZodType, infer R> ? R : never;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorShape };

/** What the renderer calls: `await api().overview({})`; throws on an error envelope. */
export type Client = { readonly [M in MethodName]: (input: Input<M>) => Promise<Result<M>> };

/** What crosses a host boundary (`window.tradebrief` in Electron): every method resolves to an envelope. */
export type RawClient = { readonly [M in MethodName]: (input: Input<M>) => Promise<Envelope<Result<M>>> };

/** What a host implements: one handler per method, given the already-validated input. */
export type Handlers = HandlersOf<Contract>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export const methodNames = Object.keys(contract) as MethodName[];
