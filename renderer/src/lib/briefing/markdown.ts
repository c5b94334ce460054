/**
 * Markdown of text blocks, rendered with marked (raw HTML shown as text) and sanitised with DOMPurify
 * before it reaches the DOM: no script, no event handler, no style, no form, no frame; links only
 * http(s), mailto and in-page anchors; images only as data: URLs (a remote image would be a request
 * leaving the machine).
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Raw HTML inside the Markdown is shown as text, never parsed: a pasted `<img onerror=…>` stays
 * visible and inert, and no hostile attribute ever reaches an HTML parser. DOMPurify then checks
 * what marked itself produced (links, images, lists, tables).
 */
const marked = new Marked({ gfm: true, breaks: false, async: false, renderer: { html: ({ text }) => escapeHtml(text) } });

const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;
const SAFE_LINK = /^(?:https?:|mailto:|#)/i;

let hooked = false;

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!SAFE_IMAGE.test(src)) {
        node.removeAttribute('src');
        node.setAttribute('data-blocked', 'remote image not shown');
        node.setAttribute('title', 'Remote images are not shown: embed the image as a data: URL.');
      }
    }
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null && !SAFE_LINK.test(href.trim())) node.removeAttribute('href');
      if (node.getAttribute('href')?.match(/^https?:/i)) {
        node.setAttribute('rel', 'noopener noreferrer');
        node.setAttribute('target', '_blank');
      }
    }
  });
}

/** Markdown → sanitised HTML, safe for `{@html}`. */
export function renderMarkdown(markdown: string): string {
  installHooks();
  const html = marked.parse(markdown) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'style',
      'script',
      'iframe',
      'frame',
      'object',
      'embed',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'option',
      'link',
      'meta',
      'base',
      'svg',
      'math',
      'video',
      'audio',
      'source',
      'track',
      'picture',
      'template',
      'dialog',
    ],
    FORBID_ATTR: ['style', 'srcset', 'formaction', 'action', 'background', 'poster', 'ping', 'xlink:href'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|#|data:image\/(?:png|jpeg|gif|webp);base64,)/i,
  });
}
