/**
 * Numbers as trade files write them (thousands separators, exponents, a decimal comma in files
 * delimited by `;`): one reader for every layout and every file type.
 */
const POINT_DECIMAL = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f']\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0\u202f']\d{3})+|\d+)?(?:,\d+)?$/;
const PLAIN = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Reads a number as trade files write it: `1234.5`, `1,234.5`, `1 234.5`, `1.2E+07`; with
 * `decimalComma` (files delimited by `;`) also `1.234,5` and `1234,5`. Returns null for an empty
 * cell and NaN for text that is not a number.
 */
export function parseNumber(raw: string, decimalComma: boolean): number | null {
  const text = raw.trim();
  if (text.length === 0) return null;
  if (decimalComma && COMMA_DECIMAL.test(text) && /\d/.test(text)) {
    return Number(text.replace(/[.\s\u00a0\u202f']/g, '').replace(',', '.'));
  }
  if (PLAIN.test(text)) return Number(text);
  if (POINT_DECIMAL.test(text) && /\d/.test(text)) return Number(text.replace(/[,\s\u00a0\u202f']/g, ''));
  return Number.NaN;
}
