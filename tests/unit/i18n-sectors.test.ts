/**
 * The built-in sectors in the three languages: every sector of every pack shipped in db/packs has a Korean and a
 * Chinese name, and every HS chapter its codes fall in has a title in each; users' sectors keep their names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../db/common/languages.ts';
import {
  BUILT_IN_PACKS,
  HS_CHAPTERS,
  SECTOR_NAMES,
  hsChapterIn,
  sectorGroupNameIn,
  sectorNameIn,
} from '../../renderer/src/i18n/sectors.ts';
import { openSession } from '../../db/session.ts';
import { listSectors } from '../../db/sectors/queries.ts';
import { tempDir } from '../support/temp.ts';

interface PackSector {
  key: string;
  name: string;
  hs?: { code: string }[];
}
const PACKS = join(import.meta.dirname, '..', '..', 'db', 'packs');
const packs = readdirSync(PACKS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(PACKS, f), 'utf8')) as { id: string; sectors?: PackSector[] });

describe('built-in sectors in three languages', () => {
  it('every pack with sectors is known, and each of its sectors has a name in every language', () => {
    const withSectors = packs.filter((p) => (p.sectors ?? []).length > 0);
    expect(withSectors.length).toBeGreaterThan(0);
    for (const pack of withSectors) {
      expect(BUILT_IN_PACKS, pack.id).toContain(pack.id);
      for (const s of pack.sectors!) {
        const words = SECTOR_NAMES[s.key];
        expect(words, `${pack.id}:${s.key}`).toBeDefined();
        expect(words!.en).toBe(s.name);
        for (const lang of LANGUAGES) expect(words![lang].trim(), `${s.key} ${lang}`).not.toBe('');
        expect(words!.ko).not.toBe(s.name);
        expect(words!.zh).not.toBe(s.name);
        // Stored as the loader stores it, the sector shows in the chosen language.
        expect(sectorNameIn(`${pack.id}:${s.key}`, s.name, 'zh')).toBe(words!.zh);
      }
    }
  });

  it('every HS chapter the built-in sectors map to has its title in every language', () => {
    const chapters = new Set(packs.flatMap((p) => (p.sectors ?? []).flatMap((s) => (s.hs ?? []).map((h) => h.code.slice(0, 2)))));
    expect(chapters.size).toBeGreaterThan(10);
    for (const chapter of chapters)
      for (const lang of LANGUAGES) expect(hsChapterIn(chapter, lang)?.trim(), `chapter ${chapter} ${lang}`).toBeTruthy();
    expect(hsChapterIn('330499', 'ko')).toBe(HS_CHAPTERS['33']!.ko);
    // A chapter no built-in sector uses is not made up.
    expect(hsChapterIn('01', 'zh')).toBeUndefined();
  });

  it('a sector the user made or renamed keeps its name in every language', () => {
    expect(sectorNameIn('korea-china-trade:cosmetics', 'Cosmetics', 'ko')).toBe('화장품');
    expect(sectorNameIn('user:1f2e', 'Cosmetics', 'ko')).toBe('Cosmetics');
    expect(sectorNameIn('korea-china-trade:cosmetics', 'K-beauty', 'zh')).toBe('K-beauty');
    expect(sectorNameIn('someone-elses-pack:cosmetics', 'Cosmetics', 'zh')).toBe('Cosmetics');
    expect(sectorNameIn('korea-china-trade:cosmetics', 'Cosmetics', 'en')).toBe('Cosmetics');
  });

  it('the Export sectors dashboard names a sector of several rows (one per pack) by its built-in row', () => {
    expect(sectorGroupNameIn(['korea-china-2022:cosmetics', 'korea-china-trade:cosmetics', 'user:1f2e'], 'Cosmetics', 'zh')).toBe('化妆品');
    expect(sectorGroupNameIn(['user:1f2e'], 'Cosmetics', 'zh')).toBe('Cosmetics');
    expect(sectorGroupNameIn([], 'Cosmetics', 'ko')).toBe('Cosmetics');
    // The dashboard's model gives each sector its rows: with the default packs, every sector is a built-in one.
    const tmp = tempDir();
    const session = openSession({ path: tmp.file('sectors.sqlite') });
    try {
      const { sectors } = listSectors(session.db, { reporter: 'KOR', partner: 'CHN' });
      expect(sectors.length).toBeGreaterThan(5);
      for (const s of sectors) {
        expect(s.ids.length, s.name).toBeGreaterThan(0);
        expect(sectorGroupNameIn(s.ids, s.name, 'ko'), s.name).not.toBe(s.name);
      }
      expect(sectors.find((s) => s.key === 'cosmetics')?.ids).toEqual(['korea-china-2022:cosmetics', 'korea-china-trade:cosmetics']);
    } finally {
      session.close();
      tmp.cleanup();
    }
  });
});
