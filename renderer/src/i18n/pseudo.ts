import type { Messages } from './messages/types.ts';

/**
 * The pseudo-locale: every letter accented, and padding so a message is about 40 % longer (as translations
 * into many languages are), in brackets so a cut-off end shows. Values ({{name}}) are left as they are.
 */
const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ó',
  u: 'ú',
  y: 'ý',
  c: 'ç',
  n: 'ñ',
  s: 'š',
  z: 'ž',
  A: 'Á',
  E: 'É',
  I: 'Í',
  O: 'Ó',
  U: 'Ú',
  Y: 'Ý',
  C: 'Ç',
  N: 'Ñ',
  S: 'Š',
  Z: 'Ž',
};

export function pseudoLocalize(text: string): string {
  const parts = text.split(/(\{\{\w+\}\})/);
  const body = parts.map((p) => (p.startsWith('{{') ? p : [...p].map((c) => ACCENTED[c] ?? c).join(''))).join('');
  const letters = text.replace(/\{\{\w+\}\}/g, '').length;
  return `［${body}${'·'.repeat(Math.ceil(letters * 0.4))}］`;
}

export function pseudoCatalogue(messages: Messages): Messages {
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, pseudoLocalize(v)])) as Messages;
}
