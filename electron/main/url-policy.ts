/**
 * The URL decisions of the main process, kept free of Electron so tests can run them for real
 * (tests/unit/electron-security.test.ts): which URLs are the app's own, which links may open in the
 * user's browser, and which file an app:// request may read.
 */
import { join, normalize, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './window-options.ts';

/**
 * True for a URL of the app itself (app://tradebrief/…). Compares scheme and host: for a scheme
 * that is not one of WHATWG's special ones, Node's `URL#origin` (Electron's main process) is
 * always "null", so comparing origins would refuse the app's own page.
 */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password && !url.port;
  } catch {
    return false;
  }
}

/** The link to hand to the OS browser, or null: only http(s) URLs that parse, without credentials. */
export function externalLink(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.toString();
}

/**
 * The file under `root` that an app:// request asks for, or null when the request is for another
 * host or its path leaves `root` (`..`, encoded or not) or holds a NUL byte.
 */
export function rendererFileFor(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const base = normalize(root);
  const file = normalize(join(base, rel));
  return file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : null;
}
