import type { MessageKey } from './messages/types.ts';

/**
 * Why the two sides of a mirror comparison differ: the data core's MIRROR_EXPLANATION (db/trade/rules.ts), one
 * message per sentence, in the same order.
 */
export const MIRROR_WHY: readonly MessageKey[] = ['trade.why.valuation', 'trade.why.reExports', 'trade.why.timing'];
