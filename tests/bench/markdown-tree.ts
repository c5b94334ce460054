/**
 * A text block's Markdown read into its tree by the data core (db/briefings/markdown.ts), for the largest note a block
 * takes (50,000 characters) of each hostile shape: the median time of 5 reads, the tree's size (JSON) and the heap it
 * grew by, against a note of ordinary prose of the same length read in the same run.
 *
 *   npm run bench:markdown
 *
 * Prints figures only (never a timed assertion). The machine may be shared: see the load average printed.
 */
import { loadavg } from 'node:os';
import { markdownTree } from '../../db/briefings/markdown.ts';

const LENGTH = 50_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

const prose = fill('Exports to China rose by **4.2 %** in 2021, led by [semiconductors](https://example.org/). ');
const shapes: Record<string, string> = {
  'nested quotes (>>>…)': fill('>'),
  'nested lists (- - - …)': fill('- '),
  'emphasis marks (_a_a…)': fill('_a'),
  'strong marks (**a**a…)': fill('**a'),
  'strike marks (~a~a…)': fill('~a'),
  'nested emphasis (*_*_…)': fill('*_'),
  'open brackets ([a[a…)': fill('[a'),
  'open links ([a]([a](…)': fill('[a]('),
  'backticks (`a`a…)': fill('`a'),
  'raw HTML (<a<a…)': fill('<a'),
  'autolinks (<http://a…)': fill('<http://a'),
  'bare URLs (www.a.b …)': fill('www.a.b '),
  'headings (# a…)': fill('# a\n'),
  'paragraphs (a, blank…)': fill('a\n\n'),
  'hard breaks (a··↵…)': fill('a  \n'),
  'script tags': fill('<script>alert(1)</script>\n\n'),
};

function measure(note: string): { ms: number; bytes: number; heapMb: number } {
  const times: number[] = [];
  let bytes = 0;
  let heapMb = 0;
  for (let i = 0; i < 5; i++) {
    const heap = process.memoryUsage().heapUsed;
    const start = performance.now();
    const tree = markdownTree(note);
    times.push(performance.now() - start);
    heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heap) / 2 ** 20);
    bytes = JSON.stringify(tree).length;
  }
  times.sort((a, b) => a - b);
  return { ms: times[2]!, bytes, heapMb };
}

measure(prose); // warm-up
const reference = measure(prose);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; notes of ${LENGTH.toLocaleString('en')} characters\n`,
);
console.log(
  `${'ordinary prose (reference)'.padEnd(28)} ${reference.ms.toFixed(1).padStart(8)} ms   1.0×  tree ${(reference.bytes / 1024).toFixed(0).padStart(5)} KB`,
);
for (const [name, note] of Object.entries(shapes)) {
  const r = measure(note);
  console.log(
    `${name.padEnd(28)} ${r.ms.toFixed(1).padStart(8)} ms ${(r.ms / reference.ms).toFixed(1).padStart(5)}×  tree ${(r.bytes / 1024).toFixed(0).padStart(5)} KB` +
      `  heap +${r.heapMb.toFixed(0)} MB`,
  );
}
