import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { claimsContract } from './contract.ts';
import { checkClaims } from './check.ts';

export function claimsHandlers(ctx: Context): HandlersOf<typeof claimsContract> {
  return {
    checkClaims: (input) => checkClaims(ctx.db, input),
  };
}
