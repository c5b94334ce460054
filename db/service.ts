import { areas } from './areas.ts';
import type { Context } from './context.ts';
import type { Handlers } from './contract.ts';

/** The data core's implementation of the contract: every area's handlers, joined. */
export function createHandlers(ctx: Context): Handlers {
  return Object.assign({}, ...areas.map((area) => area.handlers(ctx))) as Handlers;
}
