import { net, protocol } from 'electron';
import { normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME } from './window-options.ts';
import { rendererFileFor } from './url-policy.ts';
import { CONTENT_SECURITY_POLICY } from '../../db/content-security-policy.ts';

/**
 * Must run before the app is ready. V8 keeps the compiled code of the scheme's scripts (a standard scheme's), so a print
 * window or the next start does not compile the same bundle again.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer at app://tradebrief/, refusing any path that escapes its folder. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(root, request.url);
    if (file === null) return new Response('Forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
