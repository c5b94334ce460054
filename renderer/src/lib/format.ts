/** Number and unit formatting, by the user's locale: "USD 150.5 bn". */
const locale = typeof navigator !== 'undefined' ? navigator.language : 'en-GB';

const bn1 = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const bn3 = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 3 });
const pct1 = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });

/** Billions with one decimal, no unit: "150.5". */
export function billions(usd: number): string {
  return bn1.format(usd / 1e9);
}

/** Billions with as many decimals as the figure has (up to 3): "150.524". */
export function billionsExact(usd: number): string {
  return bn3.format(usd / 1e9);
}

const bnFixed3 = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/** Billions with three decimals always, for columns of monthly figures that must line up: "1.060". */
export function billions3(usd: number): string {
  return bnFixed3.format(usd / 1e9);
}

/** "USD 150.5 bn"; negative values keep their sign: "USD −63.0 bn". */
export function usdBn(usd: number): string {
  return `USD ${billions(usd)} bn`;
}

/** Signed: "+63.0" / "−63.0". */
export function signedBn(usd: number): string {
  const s = billions(Math.abs(usd));
  return usd > 0 ? `+${s}` : usd < 0 ? `−${s}` : s;
}

export function percent(ratio: number): string {
  return pct1.format(ratio);
}

export function integer(n: number): string {
  return int.format(n);
}
