import { app, shell, type WebContents } from 'electron';
import { externalLink, isAppUrl } from './url-policy.ts';

export { isAppUrl };

/** Opens a link in the user's browser only if it parses as http(s) (see url-policy.ts). */
export function openExternalSafely(raw: string): void {
  const link = externalLink(raw);
  if (link !== null) void shell.openExternal(link);
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
