/**
 * Names of economies in the interface's language from the runtime's own locale data (Intl.DisplayNames). Codes are
 * ISO 3166-1 alpha-3 (KOR); DisplayNames takes alpha-2 (KR), so iso3-to-iso2.json maps one to the other (its
 * source is in the file). English keeps the name as stored (the packs' and the user's own); a sub-national code
 * (CN-SD), a code the table or the runtime does not know, and any other language's gap fall back to it too.
 * A code no longer in use (ANT, the Netherlands Antilles: ISO 3166-3), which the runtime does not name, is named from
 * former-economies.json (its source is in the file).
 */
import former from './former-economies.json';
import table from './iso3-to-iso2.json';

const alpha2: Record<string, string> = { ...table.codes, ...table.groups };

/**
 * Where the runtime's name is not the one writing about trade uses. Korean names the Republic of Korea 한국, as it names
 * the North 북한 (Intl's own name for KP): Intl's 대한민국 is the state's formal name, and after 대(對) it reads
 * 대대한민국 ("중국의 대한국 수출", China's exports to Korea).
 */
const USUAL_NAMES: Record<string, Record<string, string>> = { ko: { KR: '한국' } };
const namers = new Map<string, Intl.DisplayNames>();

export function economyNameIn(code: string, stored: string, tag: string): string {
  if (tag.startsWith('en')) return stored;
  const region = alpha2[code];
  if (!region) return formerName(code, tag) ?? stored;
  let namer = namers.get(tag);
  if (!namer) {
    namer = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' });
    namers.set(tag, namer);
  }
  return USUAL_NAMES[tag.split('-')[0]!]?.[region] ?? namer.of(region) ?? stored;
}

const formerNames: Record<string, { ko: string | null; zh: string | null }> = former.names;

function formerName(code: string, tag: string): string | null {
  const names = formerNames[code];
  if (!names) return null;
  return tag.startsWith('ko') ? names.ko : tag.startsWith('zh') ? names.zh : null;
}
