/**
 * `npm run bench` (knowledge part): building the knowledge base over generated libraries of 1k, 10k and 100k CSL
 * items, and ranking them per keystroke, with a baseline in the same process: a linear scan of the same entries
 * (folded first author and title tested with `includes`, matches sorted with `localeCompare`, as a naive completion
 * would). Not a test: it never fails on time.
 */
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { KnowledgeBase } from '../../server/src/core/knowledge/knowledgeBase';
import { foldText } from '../../server/src/core/knowledge/text';
import type { Reference } from '../../server/src/core/knowledge/model';
import { generateLibrary } from '../core/knowledgeLibrary';

const dataset = loadBundledDataset();
const sentence = 'Conditioned medium from umbilical cord stem cells helped heal chronic skin wounds in diabetic mice';
const keystrokes = ['s', 'sm', 'smi', 'smith', 'turk', 'trollebo', '2019', 'regeneraton', 'exosom', 'smith 2019'];

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

function time(runs: number, warmup: number, work: (run: number) => void): number[] {
  const times: number[] = [];
  for (let run = -warmup; run < runs; run++) {
    const start = performance.now();
    work(run);
    if (run >= 0) times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** JavaScript heap plus typed-array buffers (the index's rows live in the latter). */
function heapMegabytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 2 ** 20;
}

/** CPU milliseconds of this process: on a loaded machine closer to what the work costs than the wall clock. */
function cpuMilliseconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** The naive completion: every entry looked at, the matches sorted by name. */
function linearScan(entries: { folded: string; name: string }[], query: string): string[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const matches = entries.filter((entry) => words.every((word) => entry.folded.includes(word)));
  return matches
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, 50)
    .map((entry) => entry.name);
}

const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map((cell) => (typeof cell === 'number' ? cell.toFixed(3) : cell)));

const sizes = (process.env.KNOWLEDGE_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
for (const size of sizes) {
  const library = generateLibrary(size, 42);
  const source = library[0].source;
  let knowledge: KnowledgeBase | undefined;
  const heapBefore = heapMegabytes();
  const buildCpu = cpuMilliseconds(() => {
    knowledge = KnowledgeBase.create(dataset, [{ source, references: library }]);
    for (const entries of knowledge.scopeFor({ bibliographyIds: [source.id] }).sources) void entries.search;
  });
  const heapAfter = heapMegabytes();
  const buildTimes = time(size >= 100_000 ? 3 : 7, 1, () => {
    knowledge = KnowledgeBase.create(dataset, [{ source, references: library }]);
    // The search index is built on first use; count it in the build.
    for (const entries of knowledge.scopeFor({ bibliographyIds: [source.id] }).sources) void entries.search;
  });
  const scope = knowledge!.scopeFor({ bibliographyIds: [source.id] });
  void scope.sources.map((entries) => entries.search);
  row(`${size} build (load + link + index)`, percentile(buildTimes, 0.5), percentile(buildTimes, 0.95), '');
  row(`${size} build, CPU ms of one build`, buildCpu, 0, '');
  row(`${size} memory held by the base (MB)`, heapAfter - heapBefore, 0, '');

  const scanEntries = library.map((reference: Reference) => ({
    folded: foldText(`${reference.item.author?.[0]?.family ?? ''} ${reference.item.title ?? ''}`),
    name: reference.item.author?.[0]?.family ?? reference.key,
  }));
  const runs = size >= 100_000 ? 60 : 200;
  for (const query of keystrokes) {
    const ranked = time(runs, 10, () => scope.rank({ sentence, query, limit: 50 }));
    const scan = time(Math.max(10, runs / 10), 2, () => linearScan(scanEntries, query));
    row(`${size} query ${JSON.stringify(query)}`, percentile(ranked, 0.5), percentile(ranked, 0.95), percentile(scan, 0.5) / percentile(ranked, 0.5));
  }
  // A new sentence (the first keystroke of a citation): the sentence is scored against the whole library once.
  const sentences = Array.from({ length: 40 }, (_, at) => `${sentence} ${at} exosomes reduce renal fibrosis`);
  const cold = time(sentences.length - 4, 4, (run) => scope.rank({ sentence: sentences[run + 4], query: '', limit: 50 }));
  row(`${size} new sentence, no query`, percentile(cold, 0.5), percentile(cold, 0.95), '');
}

const rss = process.memoryUsage().rss / 2 ** 20;
const width = Math.max(...rows.map((cells) => cells[0].length));
console.log(`${'knowledge'.padEnd(width)}  median ms     p95 ms  scan ÷ index`);
for (const [name, median, p95, ratio] of rows) {
  console.log(`${name.padEnd(width)}  ${median.padStart(9)}  ${p95.padStart(9)}  ${(ratio ? Number(ratio).toFixed(1) : '').padStart(12)}`);
}
console.log(`process RSS at the end: ${rss.toFixed(0)} MB (all three libraries generated in one process)`);
