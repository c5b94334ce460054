/**
 * Loaded with `node --import` before Electronegativity's CLI (tests/support/electronegativity-check.ts).
 *
 * 1. Offline, the tool's downloads (translations, Electron's release list; `got`) fail; the tool
 *    handles the failure, but `got` then throws again from a retry timer (a RequestError such as
 *    ENOTFOUND, or p-cancelable's "onCancel handler was attached after the promise settled"), which
 *    would end the process before the report is written. Those network errors are ignored here;
 *    any other uncaught error still ends the process with code 2.
 *    Better still, no request is attempted at all: `got` (its HTTP client) is replaced in the module
 *    cache by a stub that fails at once, as a machine with no network would, so the scan does not
 *    depend on how long a DNS lookup takes to fail (a slow failure would end the scan early).
 * 2. With `-o report.csv` the tool skips a file it cannot parse or analyse without saying so. The
 *    file named by ENG_PARSE_ERRORS receives one JSON line per such file, so the audit can fail.
 * 3. The tool writes its CSV report with two asynchronous `fs.writeFile` calls to one file started
 *    together: the header (which truncates the file) and the findings (appended). Whichever the
 *    thread pool finishes last wins: when the header lands last the report holds no finding, more
 *    often on a loaded machine. Here the report is written in order, synchronously.
 */
import type * as nodeFs from 'node:fs';
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);
process.on('uncaughtException', (error: Error & { code?: string }) => {
  if (/`onCancel` handler was attached after the promise settled/.test(String(error?.message))) return;
  if (error?.name === 'TimeoutError') return;
  if (error?.name === 'RequestError' && NETWORK_CODES.has(error.code ?? '')) return;
  console.error(error);
  process.exit(2);
});

{
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@doyensec/electronegativity/dist/index.js'));
  const gotPath = require.resolve('got', { paths: [dist] });
  const offline = (): Promise<never> =>
    Promise.reject(Object.assign(new Error('offline: the audit makes no network request'), { name: 'RequestError', code: 'ENOTFOUND' }));
  const stub = Object.assign(offline, { head: offline, get: offline });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: stub } as unknown as NodeJS.Module;
}

{
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@doyensec/electronegativity/dist/index.js'));
  // The CommonJS module object the tool's own require returns (an ES namespace is read-only).
  const fs = require('node:fs') as typeof nodeFs;
  // The runner calls util/index.js's writeIssues through its exports object, so replacing it there is enough.
  const util = require(join(dist, 'util/index.js')) as { writeIssues: (...args: unknown[]) => void };
  const writeIssues = util.writeIssues;
  util.writeIssues = (...args: unknown[]): void => {
    const writeFile = fs.writeFile;
    // Each of the tool's writes completes before the next starts; its callback still runs later, as it expects.
    fs.writeFile = ((path: string, data: string, options: unknown, callback?: (error: Error | null) => void) => {
      const done = typeof options === 'function' ? (options as (error: Error | null) => void) : callback;
      fs.writeFileSync(path, data, typeof options === 'function' ? undefined : (options as nodeFs.WriteFileOptions));
      if (done) process.nextTick(done, null);
    }) as typeof fs.writeFile;
    try {
      writeIssues(...args);
    } finally {
      fs.writeFile = writeFile;
    }
  };
}

const errorLog = process.env['ENG_PARSE_ERRORS'];
if (errorLog) {
  // The tool is CommonJS: this require shares its module cache, so the patched classes are the ones it uses.
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@doyensec/electronegativity/dist/index.js'));
  const record = (file: unknown, error: unknown): void =>
    appendFileSync(errorLog, `${JSON.stringify({ file: String(file), message: String((error as Error | undefined)?.message) })}\n`);
  type Proto = Record<string, (this: unknown, file: unknown, ...rest: unknown[]) => unknown>;
  const watch = (proto: Proto, name: string): void => {
    const original = proto[name]!;
    proto[name] = function (this: unknown, file: unknown, ...rest: unknown[]) {
      try {
        const result = original.call(this, file, ...rest);
        if (result instanceof Promise)
          return result.catch((error: unknown) => {
            record(file, error);
            throw error;
          });
        return result;
      } catch (error) {
        record(file, error);
        throw error;
      }
    };
  };
  watch((require(join(dist, 'parser/parser.js')) as { Parser: { prototype: Proto } }).Parser.prototype, 'parse');
  watch((require(join(dist, 'finder/finder.js')) as { Finder: { prototype: Proto } }).Finder.prototype, 'find');
}
