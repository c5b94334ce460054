/**
 * Where a print's time goes (prints figures, asserts nothing): prints the six-chart briefing through the print route
 * with Chromium's tracing on, and lists the page's main-thread time by kind of work (script compile and run, style,
 * layout, paint, image decode, garbage collection…) from navigation until the page says it is ready, then the
 * moments the page marks (performance marks), the loads of its scripts, and the time in page.pdf().
 *
 *   node tests/bench/print-profile.ts [--runs 3]      (needs a built renderer; reads TRADEBRIEF_OUT like the tests)
 */
import { parseArgs } from 'node:util';
import { printRoute, routePrintedOn, toChromiumPdfOptions, printDateLabel, type PageSetup } from '../../db/common/paper.ts';
import { dispatch } from '../../db/dispatch.ts';
import { startHttpHost } from '../../db/http-host/host.ts';
import { waitForPrintReady } from '../../db/http-host/print.ts';
import { admit, launchChromium } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { sixChartBriefing } from '../support/six-chart-briefing.ts';
import { tempDir } from '../support/temp.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs) || 3);
const SETUP: PageSetup = { paper: 'A4', orientation: 'portrait' };
const TODAY = '2026-11-29';
const CATEGORIES = ['devtools.timeline', 'v8', 'blink', 'disabled-by-default-devtools.timeline', 'loading', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Self time (ms) by event name on each thread named like `threadPattern`, within [from, to] (trace µs). */
function selfTimes(events: TraceEvent[], threadPattern: RegExp, from: number, to: number): Map<string, number> {
  const threads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && threadPattern.test(e.args?.name ?? ''))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !threads.has(`${e.pid}:${e.tid}`)) continue;
    if (e.ts + e.dur < from || e.ts > to) continue;
    const key = `${e.pid}:${e.tid}`;
    byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  const totals = new Map<string, number>();
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const stack: { e: TraceEvent; child: number }[] = [];
    const close = (until: number): void => {
      while (stack.length > 0 && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= until) {
        const top = stack.pop()!;
        totals.set(top.e.name, (totals.get(top.e.name) ?? 0) + (top.e.dur! - top.child) / 1000);
        if (stack.length > 0) stack[stack.length - 1]!.child += top.e.dur!;
      }
    };
    for (const e of list) {
      close(e.ts);
      stack.push({ e, child: 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  return totals;
}

interface CpuProfile {
  startTime: number;
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) of a V8 CPU profile's samples, by `key` of the function each sample is in. */
function jsTimes(
  profile: CpuProfile,
  key: (node: CpuProfile['nodes'][number]) => string,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): Map<string, number> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const k = key(nodes.get(id)!);
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return totals;
}

function top(totals: Map<string, number>, n: number): string {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `    ${ms.toFixed(1).padStart(7)} ms  ${name}`)
    .join('\n');
}

requireBuiltRenderer();
const tmp = tempDir('tradebrief-bench-print-profile-');
const host = await startHttpHost({ path: tmp.file('bench.sqlite'), today: TODAY });
const browser = await launchChromium();
try {
  const created = await dispatch(host.session.handlers, 'createBriefing', {
    title: 'Benchmark: five pages, six charts',
    classification: 'For internal use',
    blocks: sixChartBriefing(),
  });
  if (!created.ok) throw new Error(created.error.message);
  const route = printRoute({ briefing: (created.data as { id: string }).id });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await admit(context, host);
  for (let run = 0; run <= RUNS; run++) {
    const page = await context.newPage();
    // The same origin first, so the print route loads in this process and the JavaScript profiler follows it.
    await page.goto(`${host.url}icon.svg`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { categories: CATEGORIES });
    const t0 = performance.now();
    await page.goto(`${host.url}${routePrintedOn(route, TODAY)}`, { waitUntil: 'domcontentloaded' });
    const state = await waitForPrintReady(page, route);
    const ready = performance.now();
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const marks = (await page.evaluate(`(() => {
      const out = performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]);
      for (const r of performance.getEntriesByType('resource')) out.push(['load ' + r.name.replace(/^.*\\//, '').replace(/\\?.*$/, ''), r.startTime, r.responseEnd]);
      const nav = performance.getEntriesByType('navigation')[0];
      out.push(['domContentLoaded', nav.domContentLoadedEventEnd]);
      return out;
    })()`)) as [string, number, number?][];
    const faces = (await page.evaluate(`(() => {
      const text = document.body.innerText + document.title;
      const used = [];
      document.fonts.forEach((f) => used.push(f.family + ' ' + f.status));
      return { faces: used, hangul: /[\uac00-\ud7a3]/.test(text), han: /[\u4e00-\u9fff]/.test(text) };
    })()`)) as { faces: string[]; hangul: boolean; han: boolean };
    const p0 = performance.now();
    await page.pdf(toChromiumPdfOptions(SETUP, { ...state, printedOn: printDateLabel(TODAY, state.language) }));
    const pdfMs = performance.now() - p0;
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    await page.close();
    if (run === 0) continue; // warm-up
    const events = trace.traceEvents;
    // Tracing starts just before the navigation; the page's own mark says when it was ready.
    const navStart = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
    const end = events.find((e) => e.name === 'print:ready')?.ts ?? navStart + (ready - t0) * 1000;
    console.log(`  (trace window ${((end - navStart) / 1000).toFixed(0)} ms)`);
    console.log(`Run ${run}: ready after ${(ready - t0).toFixed(0)} ms, page.pdf ${pdfMs.toFixed(0)} ms`);
    console.log(`  faces: ${faces.faces.join(', ')}; the text has Hangul: ${faces.hangul}, Han: ${faces.han}`);
    console.log('  page marks and loads (ms from navigation):');
    for (const [name, at, until] of marks.sort((a, b) => a[1] - b[1]))
      console.log(`    ${at.toFixed(0).padStart(5)}${until !== undefined ? `–${until.toFixed(0)}` : ''}  ${name}`);
    console.log('  renderer main thread until ready, self time:');
    console.log(top(selfTimes(events, /^CrRendererMain$/, navStart, end), 18));
    console.log('  JavaScript until ready, self time by script and by function:');
    console.log(
      top(
        jsTimes(profile, (n) => n.callFrame.url.replace(/^.*\//, '') || `(${n.callFrame.functionName || 'program'})`),
        10,
      ),
    );
    console.log(
      top(
        jsTimes(
          profile,
          (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`,
        ),
        25,
      ),
    );
    // Each stretch between the page's own marks: what ran in it.
    const marked = events.filter((e) => e.ph === 'R' || (e.name.includes(':') && /^(print|chart):/.test(e.name) && e.ts > 0));
    const firstOf = (name: string): number | undefined => marked.find((e) => e.name === name)?.ts;
    const lastOf = (name: string): number | undefined => marked.filter((e) => e.name === name).at(-1)?.ts;
    const stretches: [string, number | undefined, number | undefined][] = [
      ['navigation → print:fetch', navStart, firstOf('print:fetch')],
      ['print:fetch → print:fonts', firstOf('print:fetch'), firstOf('print:fonts')],
      ['print:fonts → first chart:create', firstOf('print:fonts'), firstOf('chart:create')],
      ['first chart:create → last chart:created', firstOf('chart:create'), lastOf('chart:created')],
      ['last chart:created → print:ready', lastOf('chart:created'), end],
    ];
    const fnKey = (n: CpuProfile['nodes'][number]): string =>
      `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
    for (const [label, from, to] of stretches) {
      if (from === undefined || to === undefined) continue;
      console.log(`  ${label}: ${((to - from) / 1000).toFixed(0)} ms; main thread, then JavaScript:`);
      console.log(top(selfTimes(events, /^CrRendererMain$/, from, to), 8));
      console.log(top(jsTimes(profile, fnKey, from, to), 8));
    }
    console.log('  other renderer threads until ready, self time:');
    console.log(top(selfTimes(events, /^(ThreadPool|Compositor|DedicatedWorker|Media|CompositorTile)/, navStart, end), 10));
    console.log('  renderer main thread during page.pdf, self time:');
    console.log(top(selfTimes(events, /^CrRendererMain$/, end, Number.POSITIVE_INFINITY), 10));
    console.log('  other threads during page.pdf, self time:');
    console.log(top(selfTimes(events, /^(?!CrRendererMain$)/, end, Number.POSITIVE_INFINITY), 10));
  }
  await context.close();
} finally {
  await browser.close();
  await host.close();
  tmp.cleanup();
}
