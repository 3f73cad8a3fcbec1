/**
 * `npm run bench` (CSL part): writing a reference list in Vancouver with citeproc-js. The engine is built once per
 * style (timed apart); a list of 500 generated references is formatted cold (every entry new to the formatter),
 * refreshed unchanged, and refreshed with one entry changed, as happens while a writer edits. Baseline: the
 * product's own hand-written one-line formatter (knowledge/format.ts) over the same 500. CPU time is printed beside
 * the wall clock, which a busy machine inflates. Not a test: it never fails on time.
 */
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { formatReference } from '../../server/src/core/knowledge/format';
import type { Reference } from '../../server/src/core/knowledge/model';
import { bundledStyles, createReferenceFormatter } from '../../server/src/core/style';
import { generateLibrary } from '../core/knowledgeLibrary';
import { measure, report } from './measure';

const dataset = loadBundledDataset();
const size = 500;

function cpuAndWall(work: () => void): { cpu: number; wall: number } {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  work();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { cpu: (cpu.user + cpu.system) / 1000, wall };
}

const build = cpuAndWall(() => createReferenceFormatter(bundledStyles.vancouver));
const formatter = createReferenceFormatter(bundledStyles.vancouver);

// A fresh library per run (a new seed), so every entry is new to the formatter's cache: a cold list.
const libraries = Array.from({ length: 8 }, (_, run) => generateLibrary(size, 100 + run));
const coldRuns = libraries.map((library) => cpuAndWall(() => formatter.formatList(library)));

const library = generateLibrary(size, 7);
formatter.formatList(library);
const refresh = measure(`refresh ${size}, unchanged`, 30, () => formatter.formatList(library));
const edited = measure(`refresh ${size}, one entry changed`, 30, (run) => {
  // Warm-up runs are numbered below 0.
  const at = (run + size) % size;
  const changed: Reference[] = library.slice();
  changed[at] = { ...library[at], item: { ...library[at].item, title: `Edited title ${run}` } };
  formatter.formatList(changed);
});
const single = measure('one entry (hover), cached', 200, (run) => formatter.formatOne(library[(run + size) % size]));
const baseline = measure(`baseline: format.ts formatReference × ${size}`, 30, () => {
  for (const reference of library) formatReference(reference, dataset);
});

const sorted = (values: number[]) => values.slice().sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
console.log(`\nCSL (citeproc-js, Vancouver): engine build ${build.wall.toFixed(0)} ms wall, ${build.cpu.toFixed(0)} ms CPU`);
console.log(
  `cold list of ${size}: median ${median(coldRuns.map((run) => run.wall)).toFixed(0)} ms wall, ${median(coldRuns.map((run) => run.cpu)).toFixed(0)} ms CPU ` +
    `(first ${coldRuns[0].wall.toFixed(0)} ms wall, JIT cold; ${(median(coldRuns.map((run) => run.cpu)) / size).toFixed(2)} ms CPU per entry)`,
);
report([refresh, edited, single, baseline], baseline);
