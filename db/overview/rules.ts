/**
 * The overview area's rules, free of SQLite: how the headline is made from a pair-year's chosen flows
 * and stated total: the balance and the sum of the parts derived and said so, and the stated total
 * compared with the parts only when the parts and the total come from one source.
 */
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import type { Headline } from './contract.ts';
import type { ChosenFlow, StatedRow } from './sql.ts';

/**
 * The headline of one pair-year from its chosen flows; null unless both flows are there. The stated
 * total is shown whichever source gives it, but its difference from the sum of the parts only where
 * the two flows and the total share one source.
 */
export function headlineOf(
  pick: { reporter: EconomyRef; partner: EconomyRef; year: number },
  flows: readonly ChosenFlow[],
  stated: StatedRow | undefined,
  source: (id: string) => SourceRef,
): Headline | null {
  const exp = flows.find((f) => f.flow === 'export');
  const imp = flows.find((f) => f.flow === 'import');
  if (!exp || !imp) return null;
  const exSrc = source(exp.source_id);
  const imSrc = source(imp.source_id);
  const oneSource = exp.source_id === imp.source_id;
  const sum = exp.value_usd + imp.value_usd;
  const sources = oneSource ? [exSrc] : [exSrc, imSrc];
  return {
    reporter: pick.reporter,
    partner: pick.partner,
    year: pick.year,
    exports: { value: exp.value_usd, unit: 'USD', source: exSrc, note: exp.note },
    imports: { value: imp.value_usd, unit: 'USD', source: imSrc, note: imp.note },
    balance: { value: exp.value_usd - imp.value_usd, unit: 'USD', formula: 'exports − imports', sources },
    sumOfParts: { value: sum, unit: 'USD', formula: 'exports + imports', sources },
    statedTotal: stated ? { value: stated.value_usd, unit: 'USD', source: source(stated.source_id), note: stated.note } : null,
    totalDifference: stated && oneSource && stated.source_id === exp.source_id ? stated.value_usd - sum : null,
  };
}
