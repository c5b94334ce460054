import { app, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './window-options.ts';

/** True for a URL of the app itself (app://tradebrief/…). */
export function isAppUrl(raw: string): boolean {
  try {
    return new URL(raw).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Opens a link in the user's browser only if it parses as http(s). */
export function openExternalSafely(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') void shell.openExternal(url.toString());
}

/** App-wide guards: no new windows, no navigation away, no permissions, no webviews. */
export function hardenContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    contents.session.setPermissionCheckHandler(() => false);
  });
}
