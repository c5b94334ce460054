import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetRecent, MAX_RECENT, readRecent, rememberRecent } from '../../electron/main/recent-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('recent database files', () => {
  const list = tmp.file('recent.json');
  const files = Array.from({ length: MAX_RECENT + 2 }, (_, i) => {
    const f = tmp.file(`db-${i}.sqlite`);
    writeFileSync(f, '');
    return f;
  });

  it('starts empty, and reads a damaged list as empty', () => {
    expect(readRecent(list)).toEqual([]);
    writeFileSync(list, '{not json');
    expect(readRecent(list)).toEqual([]);
  });

  it('keeps the newest first, without duplicates, at most MAX_RECENT', () => {
    for (const f of files) rememberRecent(list, f);
    rememberRecent(list, files[3]!);
    const recent = readRecent(list);
    expect(recent[0]).toBe(files[3]);
    expect(recent).toHaveLength(MAX_RECENT);
    expect(new Set(recent).size).toBe(recent.length);
  });

  it('drops files that no longer exist and forgets on request', () => {
    rememberRecent(list, tmp.file('gone.sqlite'));
    expect(readRecent(list)).not.toContain(tmp.file('gone.sqlite'));
    forgetRecent(list, files[3]!);
    expect(readRecent(list)).not.toContain(files[3]);
  });
});
