/**
 * Profile (prints figures, asserts nothing): where one sidebar click to a view goes, in Chromium against the browser
 * host on a fresh database: the page's own counters (Performance.getMetrics: script, style, layout, tasks) and the
 * JavaScript profiler's heaviest functions (self time), summed over several clicks, and what the view draws (elements,
 * table rows and cells, SVG paths, canvases).
 *
 *   node tests/bench/view-profile.ts [--view partners] [--runs 5]      (needs a built renderer: npm run build)
 */
import { parseArgs } from 'node:util';
import type { Request } from 'playwright-core';
import { startHttpHost } from '../../db/http-host/host.ts';
import { VIEW_LIST } from '../../renderer/src/views/view-list.ts';
import { admit, launchChromium } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { clickAndWait } from '../support/view-click.ts';
import type { PageGlobals } from '../support/page-globals.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({
  options: { view: { type: 'string', default: 'partners' }, runs: { type: 'string', default: '5' }, callers: { type: 'string' } },
});
const RUNS = Math.max(1, Number(values.runs) || 5);
const view = VIEW_LIST.find((v) => v.id === values.view);
if (!view) throw new Error(`no view ${values.view}`);

requireBuiltRenderer();
const tmp = tempDir('tradebrief-profile-');
const host = await startHttpHost({ path: tmp.file('profile.sqlite'), today: '2022-09-15' });
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await admit(context, host);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

async function neutral(): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.hash = '#/bench-start';
  });
  await page.locator('main h1', { hasText: 'Not found' }).waitFor();
}

type Metrics = Record<string, number>;
async function metrics(): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

await page.goto(`${host.url}#/bench-start`);
await page.locator('main h1').waitFor();
// A first visit loads the view's code: not counted.
await clickAndWait(page, view.id, `${view.label} — Tradebrief`);

// The host's answers during one more click: what was asked, when (ms after the click) and how long it took.
await neutral();
const requests: string[] = [];
const clickedAt = { t: 0 };
const onFinished = (request: Request): void => {
  const url = new URL(request.url());
  const timing = request.timing();
  const start = timing.startTime - clickedAt.t;
  requests.push(`${url.pathname}${request.postData()?.slice(0, 80) ?? ''}: +${start.toFixed(0)} ms, ${timing.responseEnd.toFixed(0)} ms`);
};
page.on('requestfinished', onFinished);
clickedAt.t = Date.now();
await clickAndWait(page, view.id, `${view.label} — Tradebrief`);
page.off('requestfinished', onFinished);

// A performance trace of one more click: the page's main thread's top-level work by kind, and how long it waited.
await neutral();
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
await clickAndWait(page, view.id, `${view.label} — Tradebrief`);
const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
  traceEvents: { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { data?: { url?: string } } }[];
};
const threadNames = new Map(
  trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, (e.args as { name?: string })?.name ?? '']),
);
const mainEvents = trace.traceEvents.filter((e) => e.ph === 'X' && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
const click = mainEvents.find((e) => e.name === 'EventDispatch' && (e.args as { data?: { type?: string } })?.data?.type === 'click');
const traceStart = click?.ts ?? Math.min(...mainEvents.map((e) => e.ts));
const traceEnd = Math.max(...mainEvents.map((e) => e.ts + (e.dur ?? 0)));
const byKind = new Map<string, number>();
const tasks = mainEvents.filter((e) => e.name === 'RunTask' && e.ts >= traceStart - 1000);
let busy = 0;
for (const task of tasks) {
  busy += task.dur ?? 0;
  // The task's direct kinds of work: the largest events inside it, not nested in one another.
  const inner = mainEvents
    .filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let reach = 0;
  for (const e of inner) {
    if (e.ts < reach) continue;
    reach = e.ts + (e.dur ?? 0);
    byKind.set(e.name, (byKind.get(e.name) ?? 0) + (e.dur ?? 0));
  }
}
const traceLines = [
  `trace of one click: ${((traceEnd - traceStart) / 1000).toFixed(0)} ms from the click to the last frame, main thread busy ${(busy / 1000).toFixed(0)} ms in ${tasks.length} tasks`,
  ...[...byKind]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14)
    .map(([k, us]) => `  ${(us / 1000).toFixed(1).padStart(6)} ms  ${k}`),
];

const KEYS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'] as const;
const sums: Record<string, number> = Object.fromEntries(KEYS.map((k) => [k, 0]));
const counts = { layouts: 0, styles: 0 };
const self = new Map<string, number>();
/** With --callers NAME: the time of NAME's samples by the chain of the four functions calling it. */
const callers = new Map<string, number>();
const byFile = new Map<string, number>();
const times: number[] = [];
for (let run = 0; run < RUNS; run++) {
  await neutral();
  const before = await metrics();
  await cdp.send('Profiler.start');
  times.push(await clickAndWait(page, view.id, `${view.label} — Tradebrief`));
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const after = await metrics();
  for (const k of KEYS) sums[k]! += (after[k]! - before[k]!) * 1000;
  counts.layouts += after['LayoutCount']! - before['LayoutCount']!;
  counts.styles += after['RecalcStyleCount']! - before['RecalcStyleCount']!;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const file = n.callFrame.url.split('/').pop() ?? '';
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    const where = n.callFrame.url ? file.replace(/-[\w-]{8}\.js$/, '.js') : n.callFrame.functionName;
    if (values.callers && n.callFrame.functionName === values.callers) {
      const chain: string[] = [];
      for (let up = parent.get(n.id); up !== undefined && chain.length < 4; up = parent.get(up)) {
        const f = byId.get(up)!.callFrame;
        chain.push(`${f.functionName || '(anonymous)'}:${f.lineNumber + 1}`);
      }
      const key = chain.join(' < ');
      callers.set(key, (callers.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
    byFile.set(where, (byFile.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
}

// Read in the page as a script of its own (the benchmarks are type-checked without the DOM library).
const drawnCounts = (await page.evaluate(`(() => {
  const main = document.querySelector('main');
  const tables = [...main.querySelectorAll('table')].map(
    (t) => (t.getAttribute('data-testid') ?? t.className) + ': ' + t.rows.length + ' rows, ' + t.querySelectorAll('td, th').length + ' cells',
  );
  return {
    elements: main.querySelectorAll('*').length,
    svgPaths: main.querySelectorAll('svg path').length,
    canvases: main.querySelectorAll('canvas').length,
    tables,
  };
})()`)) as { elements: number; svgPaths: number; canvases: number; tables: string[] };

const avg = (x: number): string => (x / RUNS).toFixed(1);
console.log(`${view.id}: click → drawn, ${RUNS} runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
console.log(
  `per click: task ${avg(sums['TaskDuration']!)} ms, script ${avg(sums['ScriptDuration']!)} ms, style ${avg(sums['RecalcStyleDuration']!)} ms (${(counts.styles / RUNS).toFixed(1)}×), layout ${avg(sums['LayoutDuration']!)} ms (${(counts.layouts / RUNS).toFixed(1)}×)`,
);
console.log(`drawn: ${drawnCounts.elements} elements, ${drawnCounts.svgPaths} SVG paths, ${drawnCounts.canvases} canvases`);
for (const t of drawnCounts.tables) console.log(`  table ${t}`);
for (const line of traceLines) console.log(line);
console.log('requests of one click:');
for (const r of requests) console.log(`  ${r}`);
console.log('self time by script (per click):');
for (const [file, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`  ${(ms / RUNS).toFixed(1).padStart(6)} ms  ${file}`);
if (values.callers) {
  console.log(`${values.callers} by its callers (per click):`);
  for (const [chain, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${(ms / RUNS).toFixed(1).padStart(6)} ms  ${chain}`);
}
console.log('heaviest functions (self time per click):');
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(`  ${(ms / RUNS).toFixed(1).padStart(6)} ms  ${key}`);

await context.close();
await browser.close();
await host.close();
tmp.cleanup();
