/**
 * Numbers, percentages and US dollars with Intl for a given language tag (pure: lib/format.ts applies the active
 * language; the tests call these with each tag).
 */
const cache = new Map<string, Intl.NumberFormat>();

function formatter(name: string, options: Intl.NumberFormatOptions, tag: string): Intl.NumberFormat {
  const key = `${tag}|${name}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, options);
    cache.set(key, f);
  }
  return f;
}

/** Billions with one decimal, no unit: "150.5". */
export function billions(usd: number, tag: string): string {
  return formatter('bn1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }, tag).format(usd / 1e9);
}

/** Billions with as many decimals as the figure has (up to 3): "150.524". */
export function billionsExact(usd: number, tag: string): string {
  return formatter('bn3', { minimumFractionDigits: 1, maximumFractionDigits: 3 }, tag).format(usd / 1e9);
}

/** Billions with three decimals always, for columns of monthly figures that must line up: "1.060". */
export function billions3(usd: number, tag: string): string {
  return formatter('bnFixed3', { minimumFractionDigits: 3, maximumFractionDigits: 3 }, tag).format(usd / 1e9);
}

/**
 * "USD 150.5 bn" in English; in Korean and Chinese the short form their publications use, in units of 10⁸
 * (억 / 亿), as Intl writes it: "US$1505억", "US$1505亿". Negative values keep their sign.
 */
export function usdBn(usd: number, tag: string): string {
  if (tag.startsWith('en')) return `USD ${billions(usd, tag)} bn`;
  return formatter('usdCompact', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }, tag).format(usd);
}

/** Signed: "+63.0" / "−63.0". */
export function signedBn(usd: number, tag: string): string {
  const s = billions(Math.abs(usd), tag);
  return usd > 0 ? `+${s}` : usd < 0 ? `−${s}` : s;
}

/** "12.3%" ("12.3%" in Korean and Chinese too; Intl places the sign per language). */
export function percent(ratio: number, tag: string): string {
  return formatter('pct1', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }, tag).format(ratio);
}

export function integer(n: number, tag: string): string {
  return formatter('int', { maximumFractionDigits: 0 }, tag).format(n);
}

/** An exact amount in US dollars: "$1,234,567", "US$1,234,567". */
export function usd(amount: number, tag: string): string {
  return formatter('usd', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }, tag).format(amount);
}
