/**
 * After `electron-builder --dir`: starts the PACKAGED app (fuses flipped, app.asar) as a user would
 * from a terminal, `--print overview --out <file>.pdf`, and checks that a PDF was written. Run by the
 * electron workflow on each system (`node tests/electron/packaged-print.ts`, under xvfb-run on Linux).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');

/** The packaged executable electron-builder --dir left in dist/ (its folder is named by OS and arch). */
function packagedExecutable(): string {
  const folders = existsSync(dist) ? readdirSync(dist).filter((f) => statSync(join(dist, f)).isDirectory()) : [];
  const candidates = folders
    .flatMap((folder) => {
      const dir = join(dist, folder);
      if (process.platform === 'darwin') return [join(dir, 'Tradebrief.app', 'Contents', 'MacOS', 'Tradebrief')];
      if (process.platform === 'win32') return [join(dir, 'Tradebrief.exe')];
      return [join(dir, 'tradebrief')];
    })
    .filter((path) => existsSync(path));
  // electron-builder names a folder by OS, with `-arm64`/`-ia32` for those (mac, mac-arm64): this machine's own comes first.
  const archOf = (path: string): string => /-(arm64|ia32|armv7l)[\\/]/.exec(path.slice(dist.length))?.[1] ?? 'x64';
  candidates.sort((a, b) => Number(archOf(b) === process.arch) - Number(archOf(a) === process.arch));
  if (candidates.length === 0)
    throw new Error(`No packaged app in ${dist} (folders: ${folders.join(', ') || 'none'}): run electron-builder --dir first.`);
  return candidates[0]!;
}

const executable = packagedExecutable();
const work = mkdtempSync(join(tmpdir(), 'tradebrief-packaged-'));
const pdf = join(work, 'x.pdf');
const run = spawnSync(executable, ['--print', 'overview', '--out', pdf, `--user-data-dir=${join(work, 'user-data')}`], {
  encoding: 'utf8',
  timeout: 180_000,
});
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');
if (run.error) throw run.error;
if (run.status !== 0) throw new Error(`${executable} exited with ${run.status ?? run.signal}`);
const bytes = existsSync(pdf) ? readFileSync(pdf) : Buffer.alloc(0);
if (bytes.length === 0) throw new Error(`No PDF at ${pdf}, or it is empty`);
if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${pdf} is not a PDF`);
console.log(`The packaged app (${executable}) printed the Overview: ${pdf}, ${bytes.length} bytes.`);
