/**
 * The whole API between the renderer and a host: one entry per method, each with the zod
 * schema of its input and the type of its result. Areas declare their methods beside their
 * queries (db/<area>/contract.ts); this file joins them. No Node, no SQLite: the renderer
 * imports its types, the hosts bind it with one generic loop each.
 */
import type { z } from 'zod';
import type { ApiErrorShape } from './common/errors.ts';
import type { Method } from './method.ts';
import { briefingsContract } from './briefings/contract.ts';
import { overviewContract } from './overview/contract.ts';
import { sourcesContract } from './sources/contract.ts';
import { tradeContract } from './trade/contract.ts';
import { eventsContract } from './events/contract.ts';
import { logisticsContract } from './logistics/contract.ts';
import { projectsContract } from './projects/contract.ts';
import { sectorsContract } from './sectors/contract.ts';
import { tradeDashboardContract } from './trade/contract.ts';
import { importsContract } from './imports/contract.ts';
import { editContract } from './edit/contract.ts';
import { backupsContract } from './backups/contract.ts';
import { exportsContract } from './exports/contract.ts';
import { claimsContract } from './claims/contract.ts';
import { partnersContract } from './partners/contract.ts';
import { dashboardsContract } from './dashboards/contract.ts';

const areas = [
  briefingsContract,
  overviewContract,
  sourcesContract,
  tradeContract,
  tradeDashboardContract,
  sectorsContract,
  projectsContract,
  eventsContract,
  logisticsContract,
  importsContract,
  editContract,
  backupsContract,
  exportsContract,
  claimsContract,
  partnersContract,
  dashboardsContract,
] as const;

type Join<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Join<R> : unknown;
export type Contract = Join<typeof areas>;

/** Joins the areas; a method name declared twice is a programming error. */
function join(parts: readonly object[]): Contract {
  const all: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, entry] of Object.entries(part)) {
      if (name in all) throw new Error(`Contract method declared twice: ${name}`);
      all[name] = entry;
    }
  }
  return Object.freeze(all) as Contract;
}

export const contract: Contract = join(areas);

export type MethodName = keyof Contract & string;
export type Input<M extends MethodName> = Contract[M] extends Method<infer I, unknown> ? z.input<I> : never;
export type ParsedInput<M extends MethodName> = Contract[M] extends Method<infer I, unknown> ? z.output<I> : never;
export type Result<M extends MethodName> = Contract[M] extends Method<z.ZodType, infer R> ? R : never;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorShape };

/** What the renderer calls: `await api().overview({})`; throws on an error envelope. */
export type Client = { readonly [M in MethodName]: (input: Input<M>) => Promise<Result<M>> };

/** What crosses a host boundary (`window.tradebrief` in Electron): every method resolves to an envelope. */
export type RawClient = { readonly [M in MethodName]: (input: Input<M>) => Promise<Envelope<Result<M>>> };

/** What a host implements: one handler per method, given the already-validated input. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Result<M> | Promise<Result<M>> };

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export const methodNames = Object.keys(contract) as MethodName[];
