/**
 * Test-only answers to the native dialogs: an end-to-end test cannot click an OS file chooser, so an
 * unpackaged app started with `TRADEBRIEF_E2E_DIALOGS=<file.json>` takes each Open/Save dialog's answer
 * from that file instead. A packaged app never does, and refuses to start with the variable set (a
 * user's environment must not be able to choose files for them). Pure Node: tested without Electron.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export const TEST_DIALOGS_ENV = 'TRADEBRIEF_E2E_DIALOGS';

export type DialogMode = { mode: 'native' } | { mode: 'scripted'; file: string } | { mode: 'refused'; message: string };

/** How this process answers its dialogs, from its environment and whether it is the packaged app. */
export function dialogMode(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): DialogMode {
  const file = env[TEST_DIALOGS_ENV];
  if (file === undefined || file === '') return { mode: 'native' };
  if (isPackaged) {
    return {
      mode: 'refused',
      message: `Tradebrief will not start: ${TEST_DIALOGS_ENV} is set, and only a development build may answer its dialogs from a file. Unset it and start again.`,
    };
  }
  if (!isAbsolute(file)) return { mode: 'refused', message: `${TEST_DIALOGS_ENV} must be an absolute path to a JSON file, not "${file}".` };
  return { mode: 'scripted', file };
}

/** One answer: the path the user "chose", or null for Cancel. */
export type DialogAnswer = string | null;

/**
 * Takes the next answer from the queue file (a JSON array of paths and nulls) and writes back the
 * rest, so a test can append answers between steps. An empty or missing queue is an error that names
 * the dialog: a test that forgot an answer fails instead of hanging on a dialog nobody can see.
 */
export function takeAnswer(file: string, dialogTitle: string): DialogAnswer {
  let queue: unknown;
  try {
    queue = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`No test answer for the dialog "${dialogTitle}": ${file} cannot be read as JSON (${(error as Error).message}).`, {
      cause: error,
    });
  }
  if (!Array.isArray(queue) || !queue.every((a) => a === null || (typeof a === 'string' && isAbsolute(a)))) {
    throw new Error(`No test answer for the dialog "${dialogTitle}": ${file} must hold a JSON array of absolute paths and nulls.`);
  }
  if (queue.length === 0) throw new Error(`No test answer left for the dialog "${dialogTitle}" in ${file}.`);
  const [answer, ...rest] = queue as DialogAnswer[];
  writeFileSync(file, JSON.stringify(rest));
  return answer ?? null;
}
