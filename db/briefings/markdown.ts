/**
 * A text block's Markdown read in the data core into a small tree of the kinds the product allows (paragraphs,
 * headings, emphasis, lists, quotes, code, rules, tables, links, images), which the page draws node by node as
 * text: nothing of the note is ever parsed as HTML, so the page needs no sanitiser. Raw HTML in the note stays
 * visible as its own text; a link keeps its target only for http(s), mailto and in-page anchors; an image its
 * source only as a data: URL (a remote image would be a request leaving the machine).
 *
 * Bounded: the note is at most 50,000 characters (the block's schema); a note nested deeper than the page can
 * show is drawn as plain text, and so is anything the Markdown reader gives up on; past MAX_ELEMENTS elements, the
 * rest of the note is shown as its text.
 */
import { Marked, type MarkedToken, type Token, type Tokens } from 'marked';

export type MarkdownInline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: MarkdownInline[] }
  | { kind: 'em'; children: MarkdownInline[] }
  | { kind: 'del'; children: MarkdownInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'br' }
  /** `href` null: a target of another scheme, left out (the link's text stays). */
  | { kind: 'link'; href: string | null; title: string | null; children: MarkdownInline[] }
  /** `src` null: not an embedded picture, so not shown (the page says so). */
  | { kind: 'image'; src: string | null; alt: string; title: string | null };

export type Align = 'left' | 'center' | 'right' | null;

export interface MarkdownListItem {
  /** A task item's box; null for an ordinary item. */
  checked: boolean | null;
  children: MarkdownBlock[];
}

export type MarkdownBlock =
  | { kind: 'paragraph'; children: MarkdownInline[] }
  /** A tight list item's text: inline content with no paragraph around it. */
  | { kind: 'plain'; children: MarkdownInline[] }
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: MarkdownInline[] }
  | { kind: 'list'; ordered: boolean; start: number | null; items: MarkdownListItem[] }
  | { kind: 'quote'; children: MarkdownBlock[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  | { kind: 'table'; align: Align[]; head: MarkdownInline[][]; rows: MarkdownInline[][][] };

export interface MarkdownTree {
  blocks: MarkdownBlock[];
  /** True when the note was too deeply nested to read as Markdown and is shown as plain text. */
  plain: boolean;
}

/** Containers (quotes, lists, emphasis, links) nested deeper than this are shown as their text. */
export const MAX_NESTING = 16;

/** Elements a note may draw (paragraphs, list items' parts, emphasis, links…); the note's rest is shown as its text. */
export const MAX_ELEMENTS = 5_000;

/** Elements drawn so far by the tree being built (markdownTree is synchronous: one tree at a time). */
let elements = 0;

const SAFE_LINK = /^(?:https?:|mailto:|#)/i;
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

const reader = new Marked({ gfm: true, breaks: false, async: false });

/** The character references people type in notes; others stay as typed. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  permil: '‰',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
};

/** Markdown leaves character references (`&amp;`, `&#8364;`) in its text; the page shows text, so they are read here. */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

/**
 * A line opening more than MAX_NESTING quotes or lists: the reader would recurse once per level (50,000 `>` exceed
 * the stack after half a second), so such a note is not read as Markdown at all.
 */
const TOO_DEEP = new RegExp(`^(?:[ \\t]{0,3}(?:>|[-+*][ \\t]|\\d{1,9}[.)][ \\t])[ \\t]*){${MAX_NESTING + 1}}`, 'm');

/**
 * The reader matches emphasis in time that grows with the square of the `*` and `_` runs in a paragraph (25,000
 * runs: seconds); a paragraph with more than this many shows them as typed, and is read in milliseconds.
 */
export const MAX_EMPHASIS_RUNS = 400;

const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;

/** Escapes `*` and `_` in each paragraph holding more than MAX_EMPHASIS_RUNS runs of them (code fences left alone). */
export function tameEmphasis(markdown: string): string {
  if ((markdown.match(/[*_]+/g)?.length ?? 0) <= MAX_EMPHASIS_RUNS) return markdown;
  const lines = markdown.split('\n');
  let fence: string | null = null;
  let start = 0;
  let runs = 0;
  const close = (end: number): void => {
    if (runs > MAX_EMPHASIS_RUNS) for (let i = start; i < end; i++) lines[i] = lines[i]!.replace(/[*_]/g, '\\$&');
    runs = 0;
    start = end + 1;
  };
  lines.forEach((line, i) => {
    const mark = FENCE.exec(line)?.[0].trim();
    if (fence !== null) {
      if (mark !== undefined && mark[0] === fence[0] && mark.length >= fence.length) fence = null;
      start = i + 1;
    } else if (mark !== undefined) {
      close(i);
      fence = mark;
    } else if (line.trim() === '') close(i);
    else runs += line.match(/[*_]+/g)?.length ?? 0;
  });
  close(lines.length);
  return lines.join('\n');
}

export function markdownTree(markdown: string): MarkdownTree {
  if (TOO_DEEP.test(markdown)) return plainText(markdown);
  let tokens: Token[];
  try {
    tokens = reader.lexer(tameEmphasis(markdown));
  } catch {
    // The reader's own limits (its recursion): the note still shows, as text.
    return plainText(markdown);
  }
  elements = 0;
  return { blocks: blocks(tokens, 0), plain: false };
}

function plainText(markdown: string): MarkdownTree {
  const paragraphs = markdown.split(/\n[ \t]*\n/).filter((p) => p.trim() !== '');
  return { blocks: paragraphs.map((p) => ({ kind: 'paragraph', children: [{ kind: 'text', text: p }] })), plain: true };
}

const asText = (raw: string): MarkdownBlock => ({ kind: 'paragraph', children: [{ kind: 'text', text: raw }] });

function blocks(tokens: Token[], depth: number): MarkdownBlock[] {
  const out: MarkdownBlock[] = [];
  for (const [i, token] of tokens.entries()) {
    if (elements >= MAX_ELEMENTS) {
      out.push(asText(rawOf(tokens.slice(i)).replace(/\n+$/, '')));
      break;
    }
    const block = blockOf(token as Tokens.Generic, depth);
    if (block) out.push(block);
  }
  return out;
}

const rawOf = (tokens: Token[]): string => tokens.map((t) => t.raw).join('');

function blockOf(token: Tokens.Generic, depth: number): MarkdownBlock | null {
  if (token.type === 'space' || token.type === 'def') return null;
  elements++;
  if (depth > MAX_NESTING) return asText(token.raw);
  const t = token as MarkedToken;
  switch (t.type) {
    case 'paragraph':
      return { kind: 'paragraph', children: inlines(t.tokens, depth + 1) };
    case 'text':
      return { kind: 'plain', children: t.tokens ? inlines(t.tokens, depth + 1) : [{ kind: 'text', text: decodeReferences(t.text) }] };
    case 'heading':
      return { kind: 'heading', level: Math.min(6, Math.max(1, t.depth)) as 1, children: inlines(t.tokens, depth + 1) };
    case 'list':
      return {
        kind: 'list',
        ordered: t.ordered,
        start: t.ordered && typeof t.start === 'number' ? t.start : null,
        items: t.items.map((item) => ({
          checked: item.task ? item.checked === true : null,
          children: blocks(
            item.tokens.filter((c) => c.type !== 'checkbox'),
            depth + 1,
          ),
        })),
      };
    case 'blockquote':
      return { kind: 'quote', children: blocks(t.tokens, depth + 1) };
    case 'code':
      return { kind: 'code', text: t.text };
    case 'hr':
      return { kind: 'rule' };
    case 'table':
      return {
        kind: 'table',
        align: t.align,
        head: t.header.map((cell) => inlines(cell.tokens, depth + 1)),
        rows: t.rows.map((row) => row.map((cell) => inlines(cell.tokens, depth + 1))),
      };
    default:
      // Raw HTML, and any kind this list does not name: the note's own text, shown as written.
      return asText(token.raw.replace(/\n+$/, ''));
  }
}

function inlines(tokens: Token[] | undefined, depth: number): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  for (const [i, token] of (tokens ?? []).entries()) {
    // A task item's box is the item's `checked`.
    if (token.type === 'checkbox') continue;
    if (elements >= MAX_ELEMENTS) {
      const rest: MarkdownInline = { kind: 'text', text: rawOf((tokens ?? []).slice(i)) };
      const last = out[out.length - 1];
      if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + rest.text };
      else out.push(rest);
      break;
    }
    // Text that the reader split further (within a tight list item) is read in place.
    const nodes = token.type === 'text' && token.tokens?.length ? inlines(token.tokens, depth) : [inlineOf(token, depth)];
    for (const node of nodes) {
      const last = out[out.length - 1];
      // Neighbouring text (marked splits it at escapes and raw HTML) becomes one text node.
      if (node.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + node.text };
      else out.push(node);
    }
  }
  return out;
}

function inlineOf(generic: Token, depth: number): MarkdownInline {
  if (depth > MAX_NESTING) return { kind: 'text', text: generic.raw };
  const token = generic as MarkedToken;
  if (token.type !== 'text' && token.type !== 'escape' && token.type !== 'html') elements++;
  switch (token.type) {
    case 'text':
      return { kind: 'text', text: token.escaped ? token.text : decodeReferences(token.text) };
    case 'escape':
      return { kind: 'text', text: token.text };
    case 'html':
      return { kind: 'text', text: token.text };
    case 'strong':
    case 'em':
    case 'del':
      return { kind: token.type, children: inlines(token.tokens, depth + 1) };
    case 'codespan':
      return { kind: 'code', text: decodeReferences(token.text) };
    case 'br':
      return { kind: 'br' };
    case 'link': {
      const href = (token.autolink ? token.href : decodeReferences(token.href)).trim();
      return {
        kind: 'link',
        href: SAFE_LINK.test(href) ? href : null,
        title: token.title ? decodeReferences(token.title) : null,
        children: inlines(token.tokens, depth + 1),
      };
    }
    case 'image': {
      const src = decodeReferences(token.href).trim();
      return {
        kind: 'image',
        src: SAFE_IMAGE.test(src) ? src : null,
        alt: decodeReferences(token.text),
        title: token.title ? decodeReferences(token.title) : null,
      };
    }
    default:
      return { kind: 'text', text: token.raw };
  }
}
