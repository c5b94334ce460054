/**
 * The import history's skipped rows by reason keep each reason's code, so the page writes them in its language; a run
 * an earlier version recorded (English reasons only) still reads, its reasons as they were written.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import { importFile } from '../../db/imports/importer.ts';
import type { ImportRunInfo } from '../../db/imports/contract.ts';
import { openSession } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir('tradebrief-history-reasons-');
afterAll(() => tmp.cleanup());
const fixture = (name: string): string => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;

describe('the import history’s skip reasons', () => {
  const session = openSession({ path: tmp.file('history.sqlite') });
  afterAll(() => session.close());

  async function runs(): Promise<ImportRunInfo[]> {
    const envelope = await dispatch(session.handlers, 'listImports', {});
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.data as ImportRunInfo[];
  }

  it('carry their codes and values beside the English reason, the rows with problems too', async () => {
    const summary = importFile(session.db, { path: fixture('comtrade-current.csv'), onlyValidRows: true, userName: 'test' });
    const run = (await runs()).find((r) => r.id === summary.importId)!;
    expect(run.skipped.length).toBeGreaterThan(1);
    for (const s of run.skipped) expect(s.reasonText?.messageCode, s.reason).toMatch(/^skip[A-Z]/);
    expect(run.skipped.find((s) => s.reason === 'invalid')?.reasonText).toEqual({ messageCode: 'skipInvalid', params: {} });
  });

  it('read a run recorded with English reasons only, as written', async () => {
    const [latest] = await runs();
    session.db
      .prepare('UPDATE import_run SET skipped_by_reason = ? WHERE id = ?')
      .run(JSON.stringify({ 'an older reason': 3, invalid: 2 }), latest!.id);
    const again = (await runs()).find((r) => r.id === latest!.id)!;
    expect(again.skipped).toEqual([
      { reason: 'an older reason', count: 3, reasonText: null },
      { reason: 'invalid', count: 2, reasonText: { messageCode: 'skipInvalid', params: {} } },
    ]);
  });
});
