/**
 * `npm start` / `npm run dev`: makes sure Electron's binary is there, then runs the desktop app
 * (`start`: build and preview; `dev`: electron-vite's dev server). Electron 45 fetches its binary only
 * when asked (its package has no install script) and electron-vite reads node_modules/electron/path.txt
 * without fetching, so this runs Electron's own installer first. When the binary cannot be had (no
 * network, a locked-down machine), it says why in one sentence and serves the app to the browser
 * instead, so the first command of the README always ends with the app running.
 *
 * Run with Node (type stripping): `node electron/launch.ts start|dev [browser host options]` — options after
 * the mode (`--port 5200`, `--db file.sqlite`) go to the browser host when it is the one started.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');

/** Long enough for a slow download of ~100 MB; a network that swallows packets does not hang `npm start`. */
const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;

/** The Electron executable named by path.txt, if it is there and can be run. */
function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    return null;
  }
}

/** The first line of the installer's error that says something (`getaddrinfo ENOTFOUND github.com`). */
export function installFailureReason(stderr: string, status: number | null, error?: Error): string {
  if (error) return (error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? 'the download did not finish within 10 minutes' : error.message;
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '));
  // An error name, a system error code (ENOTFOUND, EACCES) or an HTTP status says why; a stack frame does not.
  const line = lines.find(
    (l) => /error|refused|denied|timed out|not found/i.test(l) || /\bE[A-Z_]{3,}\b/.test(l) || /\b[45]\d\d\b/.test(l),
  );
  const reason = (line ?? lines[0] ?? `its installer exited with code ${status}`).replace(/^(\w*Error:\s*)+/, '').trim();
  return reason.length > 160 ? `${reason.slice(0, 157)}…` : reason;
}

/** Runs Electron's installer (node_modules/electron/install.js) when path.txt or the binary is missing. */
async function ensureElectron(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (electronBinary()) return { ok: true };
  console.log('Fetching the Electron binary (once)…');
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (electronBinary()) return { ok: true };
  return { ok: false, reason: installFailureReason(run.stderr ?? '', run.status, run.error) };
}

/** Runs a Node script to its end, passing signals on; resolves with its exit code. */
function runNode(args: string[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      done(code ?? (signal ? 1 : 0));
    });
  });
}

/** The browser host's command-line entry (`npm run serve`): it prints the address to open. */
const browserHost = join(root, 'db', 'http-host', 'serve.ts');

async function main(mode: string | undefined, hostOptions: string[]): Promise<number> {
  if (mode !== 'start' && mode !== 'dev') {
    console.error('Usage: node electron/launch.ts start|dev');
    return 2;
  }
  const electron = await ensureElectron();
  if (electron.ok) {
    if (mode === 'dev') return runNode([electronVite, 'dev']);
    const built = await runNode([electronVite, 'build']);
    return built !== 0 ? built : runNode([electronVite, 'preview']);
  }
  console.log(
    `The desktop app cannot start because Electron's binary could not be fetched (${electron.reason}), so Tradebrief opens in your browser instead: open the address below.`,
  );
  const built = await runNode([electronVite, 'build']);
  return built !== 0 ? built : runNode([browserHost, ...hostOptions]);
}

// Run as a script (not when a test imports installFailureReason).
if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url))
  process.exitCode = await main(process.argv[2], process.argv.slice(3));
