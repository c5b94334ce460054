/**
 * The shared print options (db/common/paper.ts): the page's running header as page-margin boxes
 * (any title or classification, Korean and Chinese included, becomes an inert CSS string drawn in the
 * app's fonts), the footer template, and the same sheet for Chromium's page.pdf and Electron's printToPDF.
 */
import { describe, expect, it } from 'vitest';
import {
  cssString,
  footerTemplate,
  pageOfLabel,
  printDateLabel,
  HEADER_FONT_STACK,
  headerTemplate,
  MARGINS_MM,
  pageCss,
  printRoute,
  printRouteForView,
  toChromiumPdfOptions,
  toElectronPdfOptions,
} from '../../db/common/paper.ts';

/** Reads a CSS string literal back (hex escapes only, as cssString writes them). */
function unescapeCss(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal.slice(1, -1).replace(/\\([0-9a-f]{1,6}) /g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

describe('cssString', () => {
  it('keeps letters (Korean and Chinese too), digits and spaces, and escapes everything else', () => {
    const text = '한중 무역 브리핑 韩中贸易 2026 "quoted" back\\slash </style><script>alert(1)</script>\nnext line; } @import url(x)';
    const literal = cssString(text);
    expect(unescapeCss(literal)).toBe(text);
    const inner = literal.slice(1, -1);
    for (const c of ['"', "'", '<', '>', '/', ';', '{', '}', '(', ')', '\n', '@']) expect(inner).not.toContain(c);
    expect(inner).toContain('한중 무역 브리핑 韩中贸易 2026');
  });
});

describe('pageCss', () => {
  const setup = { paper: 'A4', orientation: 'portrait' } as const;

  it('is the sheet and its margins, the same as the PDF options', () => {
    const css = pageCss(setup);
    expect(css).toBe(
      `@page { size: A4 portrait; margin: ${MARGINS_MM.top}mm ${MARGINS_MM.right}mm ${MARGINS_MM.bottom}mm ${MARGINS_MM.left}mm; }`,
    );
    const chromium = toChromiumPdfOptions(setup, { title: 't', classification: '', printedOn: '1 Jan 2026', language: 'en' as const });
    expect(chromium.margin.top).toBe(`${MARGINS_MM.top}mm`);
    expect(chromium.format).toBe('A4');
  });

  it('draws the title left and the classification right in the top margin, in a font stack with the bundled CJK faces', () => {
    const css = pageCss(
      { paper: 'Letter', orientation: 'landscape' },
      { title: '  한중 무역 — 韩中贸易  ', classification: 'For internal use' },
    );
    expect(css).toMatch(/^@page \{ size: Letter landscape;/);
    const left = /@top-left \{ content: ("[^"]*");([^}]*)\}/.exec(css);
    const right = /@top-right \{ content: ("[^"]*");([^}]*)\}/.exec(css);
    expect(unescapeCss(left![1]!)).toBe('한중 무역 — 韩中贸易');
    expect(unescapeCss(right![1]!)).toBe('For internal use');
    expect(right![2]).toContain('text-transform: uppercase');
    expect(left![2]).toContain(`font-family: ${HEADER_FONT_STACK}`);
    // The bundled faces come before any system CJK font, so the header never depends on the system's.
    expect(HEADER_FONT_STACK.indexOf("'Tradebrief CJK KR'")).toBeGreaterThan(0);
    expect(HEADER_FONT_STACK).not.toMatch(/Noto Sans CJK/);
  });

  it('cuts a very long title to two lines worth, with an ellipsis', () => {
    const css = pageCss(setup, { title: '가'.repeat(500), classification: '' });
    const title = unescapeCss(/@top-left \{ content: ("[^"]*");/.exec(css)![1]!);
    expect([...title]).toHaveLength(160);
    expect(title.endsWith('…')).toBe(true);
  });

  it('cannot be broken out of by a hostile title', () => {
    const css = pageCss(setup, {
      title: '"; } body { display: none } @page { @top-left { content: "x',
      classification: '</style><img src=x onerror=alert(1)>',
    });
    expect(css.match(/\{/g)?.length).toBe(css.match(/\}/g)?.length);
    expect(css.match(/@top-left/g)).toHaveLength(1);
    expect(css).not.toContain('</style>');
    expect(css).not.toMatch(/display: none/);
  });
});

describe('header and footer templates', () => {
  it('leaves the header to the page and puts the app, the date and "page X of Y" in the footer, escaped', () => {
    const doc = { title: 'T', classification: 'C', printedOn: '29 Nov 2026 <b>', language: 'en' as const };
    expect(headerTemplate(doc)).toBe('<span></span>');
    const footer = footerTemplate(doc);
    expect(footer).toContain('Tradebrief');
    expect(footer).toContain('29 Nov 2026 &lt;b&gt;');
    expect(footer).toContain('page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('write the date and "page X of Y" in the document\'s language', () => {
    // Korean and Chinese: the page draws the footer (bottom margin boxes, bundled fonts); Chromium's template is empty.
    const setup = { paper: 'A4', orientation: 'portrait' } as const;
    const header = (language: 'ko' | 'zh') => ({
      title: 'T',
      classification: '',
      footer: { language, printedOn: printDateLabel('2026-11-29', language) },
    });
    const ko = pageCss(setup, header('ko'));
    expect(footerTemplate({ title: 'T', classification: '', printedOn: '', language: 'ko' })).toBe('<span></span>');
    expect(unescapeCss(/@bottom-center \{ content: ("[^"]*")/.exec(ko)![1]!)).toBe('2026년 11월 29일');
    expect(/@bottom-right \{ content: ([^;]*);/.exec(ko)![1]).toBe(
      `counter(pages) ${cssString('쪽 중 ')} counter(page) ${cssString('쪽')}`,
    );
    const zh = pageCss(setup, header('zh'));
    expect(unescapeCss(/@bottom-center \{ content: ("[^"]*")/.exec(zh)![1]!)).toBe('2026年11月29日');
    expect(/@bottom-right \{ content: ([^;]*);/.exec(zh)![1]).toBe(
      `${cssString('第 ')} counter(page) ${cssString(' 页，共 ')} counter(pages) ${cssString(' 页')}`,
    );
    // English: Chromium's footer template, the page draws no footer.
    expect(pageCss(setup, { title: 'T', classification: '', footer: { language: 'en', printedOn: '29 Nov 2026' } })).not.toContain(
      '@bottom',
    );
    expect(printDateLabel('2026-11-29')).toBe('29 Nov 2026');
    expect([pageOfLabel('en', 2, 5), pageOfLabel('ko', 2, 5), pageOfLabel('zh', 2, 5)]).toEqual([
      'page 2 of 5',
      '5쪽 중 2쪽',
      '第 2 页，共 5 页',
    ]);
  });

  it('are the same for Chromium and Electron', () => {
    const setup = { paper: 'A4', orientation: 'landscape' } as const;
    const doc = { title: '한중', classification: '대외비', printedOn: '1 Jan 2026', language: 'ko' as const };
    const chromium = toChromiumPdfOptions(setup, doc);
    const electron = toElectronPdfOptions(setup, doc);
    expect(electron.headerTemplate).toBe(chromium.headerTemplate);
    expect(electron.footerTemplate).toBe(chromium.footerTemplate);
    expect(electron.landscape).toBe(true);
    expect(chromium.landscape).toBe(true);
    expect(electron.margins.top).toBeCloseTo(MARGINS_MM.top / 25.4, 3);
  });
});

describe('printRouteForView (File › Print to PDF… in Electron)', () => {
  it('prints the open briefing, decoding its id, and a dashboard with its filters', () => {
    expect(printRouteForView('#/briefings/%ED%95%9C%EC%A4%91')).toBe(`#/print/briefing/${encodeURIComponent('한중')}`);
    expect(printRouteForView('#/trade?year=2021')).toBe('#/print/dashboard/trade?year=2021');
    expect(printRouteForView('#/settings')).toBeNull();
  });

  it('returns null, without throwing, for a hash with a malformed escape', () => {
    for (const hash of ['#/briefings/%E0%A4%A', '#/briefings/%', '#/%ZZ/x', '#/trade/%C3%28']) {
      expect(() => printRouteForView(hash)).not.toThrow();
      expect(printRouteForView(hash)).toBeNull();
    }
  });
});

describe('printRoute with a money unit (npm run print -- --unit)', () => {
  it('names the unit asked for, and none otherwise (the print window then reads the remembered one)', () => {
    const landscape = { paper: 'A4', orientation: 'landscape' } as const;
    expect(printRoute({ dashboard: 'trade', query: { reporter: 'KOR', partner: 'CHN' } }, landscape, 'mn')).toBe(
      '#/print/dashboard/trade?reporter=KOR&partner=CHN&orientation=landscape&unit=mn',
    );
    expect(printRoute({ briefing: 'b1' }, undefined, 'thousand')).toBe('#/print/briefing/b1?unit=thousand');
    expect(printRoute({ briefing: 'b1' })).toBe('#/print/briefing/b1');
  });
});
