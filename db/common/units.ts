/**
 * The money unit an analyst reads figures in, chosen once and applied to every view, table, export and
 * print: values are stored in USD; a unit only scales them for reading. The exact USD value is kept
 * wherever a figure leaves the app as data (an export's value columns), and the unit is named beside it.
 */
export const MONEY_UNITS = ['bn', 'mn', 'thousand'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];
export const DEFAULT_MONEY_UNIT: MoneyUnit = 'bn';

const SCALE: Record<MoneyUnit, number> = { bn: 1e9, mn: 1e6, thousand: 1e3 };

/** How many decimals a figure in this unit shows by default: billions need one, thousands none. */
export const UNIT_DECIMALS: Record<MoneyUnit, number> = { bn: 1, mn: 1, thousand: 0 };

/** "USD bn", "USD mn", "USD thousand". */
export function unitLabel(unit: MoneyUnit): string {
  return `USD ${unit}`;
}

/** A USD value in the unit (1.5e9 in 'mn' → 1500). */
export function inUnit(usd: number, unit: MoneyUnit): number {
  return usd / SCALE[unit];
}

export function isMoneyUnit(value: unknown): value is MoneyUnit {
  return typeof value === 'string' && (MONEY_UNITS as readonly string[]).includes(value);
}
