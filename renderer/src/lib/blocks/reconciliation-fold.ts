/**
 * Which disagreements stand out and which are folded as rounding: the one rule for the Trade view's
 * "Where figures disagree" and the briefing's block. A stated total against its parts always stands out;
 * sources that differ by under half a per cent are folded (mostly rounding and revisions).
 */
import type { Reconciliation } from '../../../../db/trade/contract.ts';

/** Sources differing by less than this share of the larger figure are folded. */
export const ROUNDING_SHARE = 0.005;

export function foldRounding(items: readonly Reconciliation[]): { major: Reconciliation[]; minor: Reconciliation[] } {
  const minor = (r: Reconciliation): boolean => r.kind === 'sources-disagree' && r.relative < ROUNDING_SHARE;
  return { major: items.filter((r) => !minor(r)), minor: items.filter(minor) };
}
