/**
 * Where the app keeps its database when no file is named: the folder Electron's
 * `app.getPath('userData')` gives for an app named Tradebrief, so the desktop app and the
 * browser host (`npm run serve`, `npm start` without Electron) open the same file.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Tradebrief');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tradebrief');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'Tradebrief');
}

export function defaultDatabasePath(): string {
  return join(userDataDir(), 'tradebrief.sqlite');
}
