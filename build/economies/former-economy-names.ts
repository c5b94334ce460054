/**
 * `node build/economies/former-economy-names.ts`: the Korean and Chinese names of economies whose ISO code is no
 * longer in use (ISO 3166-3: the Netherlands Antilles, New Hebrides, the Panama Canal Zone…), which the runtime's
 * locale data (Intl.DisplayNames) does not name, but which long trade series still report (KOSIS from 1965).
 *
 * Reads Debian's iso-codes package: the codes and English names from its iso_3166-3.json, the names from its Korean
 * and Simplified Chinese message catalogues (iso_3166-3.mo), and writes renderer/src/i18n/former-economies.json.
 * The output is committed (a clean checkout builds without this script, or the package); tests/unit/i18n-format.test.ts
 * reads it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ISO_CODES = '/usr/share/iso-codes/json/iso_3166-3.json';
const CATALOGUES = { ko: '/usr/share/locale/ko/LC_MESSAGES/iso_3166-3.mo', zh: '/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-3.mo' };
const OUTPUT = fileURLToPath(new URL('../../renderer/src/i18n/former-economies.json', import.meta.url));

/** A GNU message catalogue (.mo): its original strings mapped to their translations. */
function readMo(path: string): Map<string, string> {
  const file = readFileSync(path);
  const magic = file.readUInt32LE(0);
  const read = magic === 0x950412de ? (at: number) => file.readUInt32LE(at) : (at: number) => file.readUInt32BE(at);
  if (magic !== 0x950412de && magic !== 0xde120495) throw new Error(`${path}: not a GNU message catalogue`);
  const [count, originals, translations] = [read(8), read(12), read(16)];
  const text = (table: number, i: number): string => {
    const length = read(table + i * 8);
    const offset = read(table + i * 8 + 4);
    return file.toString('utf8', offset, offset + length);
  };
  const messages = new Map<string, string>();
  for (let i = 0; i < count; i++) messages.set(text(originals, i), text(translations, i));
  return messages;
}

const { '3166-3': former } = JSON.parse(readFileSync(ISO_CODES, 'utf8')) as {
  '3166-3': { alpha_3?: string; name: string }[];
};
const ko = readMo(CATALOGUES.ko);
const zh = readMo(CATALOGUES.zh);
const names: Record<string, { en: string; ko: string | null; zh: string | null }> = {};
for (const entry of former) {
  if (!entry.alpha_3) continue;
  names[entry.alpha_3] = { en: entry.name, ko: ko.get(entry.name) ?? null, zh: zh.get(entry.name) ?? null };
}
const version = /Version: (\S+)/.exec(
  readFileSync('/var/lib/dpkg/status', 'utf8')
    .split('\n\n')
    .find((p) => p.startsWith('Package: iso-codes\n')) ?? '',
)?.[1];
const sorted = Object.fromEntries(Object.entries(names).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
  OUTPUT,
  `${JSON.stringify(
    {
      source: `ISO 3166-3 (formerly used codes), from the Debian iso-codes package ${version ?? ''}: codes and English names from /usr/share/iso-codes/json/iso_3166-3.json, Korean and Chinese names from its translations (/usr/share/locale/{ko,zh_CN}/LC_MESSAGES/iso_3166-3.mo)`,
      names: sorted,
    },
    null,
    2,
  )}\n`,
);
console.log(`${Object.keys(sorted).length} formerly used codes written to ${OUTPUT}`);
