import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import { checkClaims } from './check.ts';

export function claimsHandlers(ctx: Context): Pick<Handlers, 'checkClaims'> {
  return {
    checkClaims: (input) => checkClaims(ctx.db, input),
  };
}
