/**
 * The native dialogs' filters and default names (electron/main/dialog-filters.ts) come from the file
 * kinds the core and the page share (db/common/file-kinds.ts). No Electron needed.
 */
import { describe, expect, it } from 'vitest';
import { defaultSaveName, openFilters, saveFilters } from '../../electron/main/dialog-filters.ts';
import { OPEN_KINDS, SAVE_KIND_NAMES, SAVE_KINDS } from '../../db/common/file-kinds.ts';
import { MAIN_MESSAGES } from '../../electron/main/messages.ts';

describe('dialog filters', () => {
  it('offers one kind and "All files" to open trade data or a pack', () => {
    expect(openFilters(['trade-data'])).toEqual([
      { name: OPEN_KINDS['trade-data'].label, extensions: ['csv', 'tsv', 'txt', 'xlsx'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(openFilters(['pack'])[0]).toEqual({ name: OPEN_KINDS.pack.label, extensions: ['json'] });
  });

  it('offers both kinds together first for File › Import…', () => {
    const filters = openFilters(['trade-data', 'pack']);
    expect(filters.map((f) => f.extensions)).toEqual([
      ['csv', 'tsv', 'txt', 'xlsx', 'json'],
      ['csv', 'tsv', 'txt', 'xlsx'],
      ['json'],
      ['*'],
    ]);
  });

  it('offers only the kind’s own format to save', () => {
    for (const kind of SAVE_KIND_NAMES)
      expect(saveFilters(kind)).toEqual([{ name: SAVE_KINDS[kind].label, extensions: [...SAVE_KINDS[kind].extensions] }]);
  });

  it('names the filters in main’s language', () => {
    expect(openFilters(['trade-data', 'pack'], MAIN_MESSAGES.ko).map((f) => f.name)).toEqual([
      '무역 데이터 또는 브리핑 팩',
      '무역 데이터(CSV 또는 Excel 통합 문서)',
      'Tradebrief 브리핑 팩',
      '모든 파일',
    ]);
    expect(saveFilters('pdf', MAIN_MESSAGES.zh)).toEqual([{ name: 'PDF 文档', extensions: ['pdf'] }]);
    // Every kind has its own name in each language, none left in English.
    for (const kind of SAVE_KIND_NAMES) expect(saveFilters(kind, MAIN_MESSAGES.zh)[0]!.name).not.toBe(SAVE_KINDS[kind].label);
  });
});

describe('defaultSaveName', () => {
  it('gives the kind’s extension once, and keeps letters of any script', () => {
    expect(defaultSaveName('Trade balance 2021', 'csv')).toBe('Trade balance 2021.csv');
    expect(defaultSaveName('trade.csv', 'csv')).toBe('trade.csv');
    expect(defaultSaveName('한중 무역 브리핑', 'pdf')).toBe('한중 무역 브리핑.pdf');
    expect(defaultSaveName('', 'zip')).toBe('tradebrief.zip');
  });

  it('never lets a suggestion choose the folder', () => {
    for (const hostile of ['../../.bashrc', '/etc/cron.d/job', 'C:\\Windows\\System32\\evil', '..\\..\\x']) {
      const name = defaultSaveName(hostile, 'csv');
      expect(name, hostile).not.toMatch(/[\\/]/);
      expect(name.startsWith('.'), hostile).toBe(false);
      expect(name.endsWith('.csv'), hostile).toBe(true);
    }
  });
});
