import type { Context } from './context.ts';
import type { Handlers } from './contract.ts';
import { overviewHandlers } from './overview/queries.ts';
import { sourcesHandlers } from './sources/queries.ts';
import { tradeHandlers } from './trade/queries.ts';

/** The data core's implementation of the contract: every area's handlers, joined. */
export function createHandlers(ctx: Context): Handlers {
  return {
    ...overviewHandlers(ctx),
    ...sourcesHandlers(ctx),
    ...tradeHandlers(ctx),
  } satisfies Handlers;
}
