/**
 * A text block's Markdown read in the data core (db/briefings/markdown.ts) into a tree of allowed kinds: what it keeps,
 * what hostile notes become (text, never markup; links and pictures only of safe schemes), and that deep nesting and
 * the largest note the block takes give a bounded tree. Times are in tests/bench/markdown-tree.ts.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, MethodName, Result } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { openSession, type Session } from '../../db/session.ts';
import {
  markdownTree,
  MAX_ELEMENTS,
  MAX_EMPHASIS_RUNS,
  MAX_NESTING,
  type MarkdownBlock,
  type MarkdownInline,
  type MarkdownTree,
} from '../../db/briefings/markdown.ts';
import { tempDir } from '../support/temp.ts';

type Node = MarkdownBlock | MarkdownInline;

/** Every node of the tree with its depth (blocks, list items' blocks, inlines, table cells). */
function walk(tree: MarkdownTree): { node: Node; depth: number }[] {
  const out: { node: Node; depth: number }[] = [];
  const visit = (node: Node, depth: number): void => {
    out.push({ node, depth });
    const children: Node[] = [];
    if ('children' in node) children.push(...node.children);
    if (node.kind === 'list') for (const item of node.items) children.push(...item.children);
    if (node.kind === 'table') for (const cell of [...node.head, ...node.rows.flat()]) children.push(...cell);
    for (const child of children) visit(child, depth + 1);
  };
  for (const block of tree.blocks) visit(block, 1);
  return out;
}

const ALLOWED_KEYS: Record<string, string[]> = {
  paragraph: ['children'],
  plain: ['children'],
  heading: ['children', 'level'],
  list: ['items', 'ordered', 'start'],
  quote: ['children'],
  code: ['text'],
  rule: [],
  table: ['align', 'head', 'rows'],
  text: ['text'],
  strong: ['children'],
  em: ['children'],
  del: ['children'],
  br: [],
  link: ['children', 'href', 'title'],
  image: ['alt', 'src', 'title'],
};

/** The tree holds only the allowed kinds with their own fields, links of safe schemes and embedded pictures only. */
function expectSafe(tree: MarkdownTree): void {
  const wrong: string[] = [];
  for (const { node } of walk(tree)) {
    const keys = Object.keys(node)
      .filter((k) => k !== 'kind')
      .sort()
      .join();
    if (ALLOWED_KEYS[node.kind]?.join() !== keys) wrong.push(`fields of ${JSON.stringify(node).slice(0, 80)}`);
    if (node.kind === 'link' && node.href !== null && !/^(?:https?:|mailto:|#)/i.test(node.href)) wrong.push(`link ${node.href}`);
    if (node.kind === 'image' && node.src !== null && !/^data:image\/(?:png|jpeg|gif|webp);base64,/.test(node.src))
      wrong.push(`image ${node.src}`);
  }
  expect(wrong).toEqual([]);
}

/** The text the page shows, in order. */
function textOf(tree: MarkdownTree): string {
  return walk(tree)
    .map(({ node }) => (node.kind === 'text' || node.kind === 'code' ? node.text : ''))
    .join('');
}

const links = (tree: MarkdownTree) => walk(tree).flatMap(({ node }) => (node.kind === 'link' ? [node] : []));
const maxDepth = (tree: MarkdownTree) => Math.max(0, ...walk(tree).map((n) => n.depth));

describe('the Markdown a text block allows', () => {
  it('reads paragraphs, headings, emphasis, lists, quotes, code, rules, tables, links and embedded pictures', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const tree = markdownTree(
      [
        '## Trade with China',
        'A **bold** and *light* point, ~~old~~ and `code`, with a [source](https://example.org/a?b=1&c=2 "Title") and [mail](mailto:desk@example.org).',
        '3. third\n4. fourth\n   - nested',
        '- [x] done\n- [ ] open',
        '> quoted',
        '```\nraw <b>code</b>\n```',
        '---',
        '| Year | Value |\n|:-----|------:|\n| 2021 | **362** |',
        `![chart](${png})`,
      ].join('\n\n'),
    );
    expectSafe(tree);
    expect(tree.plain).toBe(false);
    expect(tree.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code', 'rule', 'table', 'paragraph']);
    expect(tree.blocks[0]).toEqual({ kind: 'heading', level: 2, children: [{ kind: 'text', text: 'Trade with China' }] });
    const para = tree.blocks[1];
    expect(para?.kind === 'paragraph' && para.children.map((c) => c.kind)).toEqual([
      'text',
      'strong',
      'text',
      'em',
      'text',
      'del',
      'text',
      'code',
      'text',
      'link',
      'text',
      'link',
      'text',
    ]);
    expect(links(tree).map((l) => [l.href, l.title])).toEqual([
      ['https://example.org/a?b=1&c=2', 'Title'],
      ['mailto:desk@example.org', null],
    ]);
    const ordered = tree.blocks[2];
    expect(ordered?.kind === 'list' && [ordered.ordered, ordered.start, ordered.items[1]?.children.map((c) => c.kind)]).toEqual([
      true,
      3,
      ['plain', 'list'],
    ]);
    const tasks = tree.blocks[3];
    expect(tasks?.kind === 'list' && tasks.items.map((i) => i.checked)).toEqual([true, false]);
    expect(textOf({ blocks: [tasks!], plain: false })).toBe('doneopen');
    expect(tree.blocks[5]).toEqual({ kind: 'code', text: 'raw <b>code</b>' });
    const table = tree.blocks[7];
    expect(table?.kind === 'table' && [table.align, table.rows[0]?.[1]?.[0]?.kind]).toEqual([['left', 'right'], 'strong']);
    const picture = tree.blocks[8];
    expect(picture?.kind === 'paragraph' && picture.children[0]).toEqual({ kind: 'image', src: png, alt: 'chart', title: null });
  });

  it('reads character references as the characters they stand for, and leaves unknown ones as typed', () => {
    const tree = markdownTree('Fish &amp; chips &#8364;5 &#x4E2D; &mdash; &bogus; \\*not em\\* &#0;');
    expect(textOf(tree)).toBe('Fish & chips €5 中 — &bogus; *not em* \ufffd');
  });
});

describe('hostile Markdown', () => {
  it('keeps raw HTML as its text: no element of the note is ever markup', () => {
    const note = [
      '<script>window.__pwned = 1</script>',
      'Inline <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)" onclick="alert(4)">raw link</a>.',
      '<iframe src="https://evil.example.com/"></iframe>',
      '<p style="background:url(https://evil.example.com/bg.png)">styled</p>',
      '<svg onload="alert(5)"><circle r="5"/></svg>',
    ].join('\n\n');
    const tree = markdownTree(note);
    expectSafe(tree);
    const text = textOf(tree);
    for (const raw of [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="alert(2)">',
      '<a href="javascript:alert(3)" onclick="alert(4)">',
      '<iframe src="https://evil.example.com/"></iframe>',
      '<svg onload="alert(5)">',
    ])
      expect(text).toContain(raw);
    expect(links(tree)).toEqual([]);
  });

  it('drops every link target but http(s), mailto and in-page anchors, keeping the link’s text', () => {
    const hostile = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(2)',
      ' javascript:alert(3)',
      'java&#9;script:alert(4)',
      '&#106;avascript:alert(5)',
      'java%0ascript:alert(6)',
      'vbscript:msgbox(7)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==',
      '//evil.example.com/9',
      'file:///etc/passwd',
      'relative/page.html',
    ];
    const note = [
      ...hostile.map((href, i) => `[bad${i}](${href})`),
      '<javascript:alert(12)>',
      '[ref][evil]\n\n[evil]: javascript:alert(13)',
      '[fine](https://example.org/) [top](#top) [write](mailto:a@example.org)',
    ].join('\n\n');
    const tree = markdownTree(note);
    expectSafe(tree);
    const all = links(tree);
    expect(all.filter((l) => l.href !== null).map((l) => l.href)).toEqual(['https://example.org/', '#top', 'mailto:a@example.org']);
    for (let i = 0; i < hostile.length; i++) expect(textOf(tree)).toContain(`bad${i}`);
    expect(textOf(tree)).toContain('ref');
    expect(JSON.stringify(tree)).not.toMatch(/"href":"\s*(?:java|vbscript|data|file|\/\/)/i);
  });

  it('shows only embedded pictures: a remote, an SVG or a scripted source is left out', () => {
    const tree = markdownTree(
      [
        '![remote](https://tracker.example.com/pixel.png)',
        '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)',
        '![js](javascript:alert(1))',
        '![ok](data:image/png;base64,iVBORw0KGgo=)',
      ].join('\n\n'),
    );
    expectSafe(tree);
    const images = walk(tree).flatMap(({ node }) => (node.kind === 'image' ? [node] : []));
    expect(images.map((i) => [i.alt, i.src])).toEqual([
      ['remote', null],
      ['svg', null],
      ['js', null],
      ['ok', 'data:image/png;base64,iVBORw0KGgo='],
    ]);
  });

  it('shows a note nested deeper than the page can draw as plain text, whole', () => {
    for (const note of ['>'.repeat(50_000), '> '.repeat(25_000) + 'deep', '- '.repeat(25_000) + 'deep', '> - 1. '.repeat(7_000) + 'deep']) {
      const tree = markdownTree(note);
      expect(tree.plain).toBe(true);
      expect(textOf(tree)).toBe(note);
      expectSafe(tree);
    }
    // Just within the limit, it is read as Markdown.
    const nested = markdownTree('> '.repeat(MAX_NESTING) + 'deep');
    expect(nested.plain).toBe(false);
    expect(walk(nested).filter(({ node }) => node.kind === 'quote').length).toBe(MAX_NESTING);
  });

  it('nests at most MAX_NESTING deep: deeper lists and emphasis show as their text', () => {
    const lists = markdownTree(Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n'));
    const emphasis = markdownTree(`${'*_'.repeat(200)}core${'_*'.repeat(200)}`);
    const links = markdownTree(`${'[a '.repeat(100)}x${'](#y)'.repeat(100)}`);
    for (const tree of [lists, emphasis, links]) {
      expectSafe(tree);
      expect(tree.plain).toBe(false);
      // Blocks and inlines each add a level; a list item's blocks one more.
      expect(maxDepth(tree)).toBeLessThanOrEqual(2 * MAX_NESTING + 4);
    }
    expect(textOf(lists)).toContain('level 60');
    expect(textOf(emphasis)).toContain('core');
  });

  it('shows the emphasis marks of a paragraph holding too many as typed, code fences untouched', () => {
    const marks = '_a'.repeat(25_000);
    const fenced = '```\n' + 'snake_case '.repeat(MAX_EMPHASIS_RUNS + 10) + '\n```';
    const tree = markdownTree(`${fenced}\n\n${marks}\n\nAn *ordinary* paragraph.`);
    expect(tree.blocks.map((b) => b.kind)).toEqual(['code', 'paragraph', 'paragraph']);
    expect(tree.blocks[0]).toEqual({ kind: 'code', text: 'snake_case '.repeat(MAX_EMPHASIS_RUNS + 10) });
    expect(textOf({ blocks: [tree.blocks[1]!], plain: false })).toBe(marks);
    const last = tree.blocks[2];
    expect(last?.kind === 'paragraph' && last.children.map((c) => c.kind)).toEqual(['text', 'em', 'text']);
  });

  it('draws at most MAX_ELEMENTS elements: the rest of the note is shown as typed', () => {
    const elementsOf = (tree: MarkdownTree) => walk(tree).filter(({ node }) => node.kind !== 'text').length;
    const struck = markdownTree(`${'~a~ '.repeat(12_000)}end`);
    expect(elementsOf(struck)).toBeLessThanOrEqual(MAX_ELEMENTS + 1);
    expect(textOf(struck).endsWith('~a~ ~a~ end')).toBe(true);
    const paragraphs = markdownTree(Array.from({ length: 16_000 }, (_, i) => `p${i}`).join('\n\n'));
    expect(elementsOf(paragraphs)).toBeLessThanOrEqual(MAX_ELEMENTS + 1);
    expect(textOf(paragraphs)).toContain('p15999');
    // Within the limit, every element is drawn.
    const few = markdownTree('*a* '.repeat(100));
    expect(walk(few).filter(({ node }) => node.kind === 'em')).toHaveLength(100);
  });

  it('gives a tree in proportion to the note for the largest note a block takes, whatever it holds', () => {
    const units = [
      '_a',
      '*a',
      '**a',
      '~a',
      '~~a',
      '[a',
      '`a',
      '<a',
      '*_',
      '[a](',
      '![',
      '|a',
      '&amp;',
      'a\n\n',
      '# a\n',
      'a  \n',
      '<http://a',
      'www.a.b ',
      '\\',
    ];
    for (const unit of units) {
      const note = unit.repeat(Math.ceil(50_000 / unit.length)).slice(0, 50_000);
      const tree = markdownTree(note);
      expectSafe(tree);
      expect(JSON.stringify(tree).length, unit).toBeLessThan(25 * note.length);
      expect(maxDepth(tree), unit).toBeLessThanOrEqual(2 * MAX_NESTING + 4);
    }
  });
});

describe('through the contract', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let session: Session;
  beforeEach(() => {
    session?.close();
    session = openSession({ path: tmp.file(`markdown-${Date.now()}.sqlite`), today: '2026-11-29' });
  });

  async function call<M extends MethodName>(method: M, input: unknown): Promise<Result<M>> {
    const envelope = (await dispatch(session.handlers, method, input)) as Envelope<Result<M>>;
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  }

  it('a text block resolves to its tree; a note over 50,000 characters is refused naming the field, and nothing is stored', async () => {
    const b = await call('createBriefing', {
      title: 'Notes',
      blocks: [{ kind: 'text', config: { markdown: '**Bold** <script>x</script>' } }],
    });
    const block = b.blocks[0];
    expect(block?.kind === 'text' && block.data).toEqual({
      blocks: [
        {
          kind: 'paragraph',
          children: [
            { kind: 'strong', children: [{ kind: 'text', text: 'Bold' }] },
            { kind: 'text', text: ' <script>x</script>' },
          ],
        },
      ],
      plain: false,
    });
    const refused = await dispatch(session.handlers, 'addBlock', {
      briefingId: b.id,
      block: { kind: 'text', config: { markdown: 'x'.repeat(50_001) } },
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/block\.config\.markdown/);
    expect((await call('getBriefing', { id: b.id })).blocks).toHaveLength(1);
  });
});
