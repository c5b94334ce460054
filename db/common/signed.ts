/**
 * A magnitude written with the sign of its value, unless it rounds to nothing: "+63.0", "−63.0", and "0.0" (never
 * "−0.0" or "+0.0") for a change too small to show. The minus is U+2212, as in every figure the app writes. `written`
 * is |value| formatted; `zero` is 0 formatted the same way.
 */
export function withSign(value: number, written: string, zero: string, plus = true): string {
  if (written === zero) return written;
  return value < 0 ? `−${written}` : value > 0 && plus ? `+${written}` : written;
}
