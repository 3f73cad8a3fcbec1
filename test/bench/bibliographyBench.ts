/**
 * `npm run bench` (part): how long reading a bibliography takes, and how much memory it holds, for generated
 * libraries of 1k, 10k, 100k and 200k entries, as BibTeX and as CSL-JSON. Targets: 1k well under 100 ms, 100k well
 * under the 3 s the whole load and index may take, 200k without error. Not a test: it never fails on time.
 *
 *   node --import tsx test/bench/bibliographyBench.ts [sizes…]     e.g. … 1000 100000
 */
import { readBibliographySource } from '../../server/src/core/sources';
import { seededRandom as random } from '../support/seededRandom';


const families = ['Caseiro', 'M{\\"u}ller', 'Aks{\\i}n', '{\\O}stergaard', 'Garc{\\\'\\i}a', 'Nu{\\~n}ez', 'Stra{\\ss}er', 'van der Berg', 'Smith', 'Zhang', 'Kowalczyk', 'Dupr{\\\'e}'];
const givens = ['Ana', '{\\"O}zge', 'Jos{\\\'e}', 'Wei', 'Lars', 'Fran{\\c{c}}ois', 'Maria', 'J.', 'Bj{\\"o}rn'];
const words = ['secretome', 'mesenchymal', 'stromal', 'cells', 'extracellular', 'vesicles', 'wound', 'healing', 'angiogenesis', 'burns', 'therapy', 'conditioned', 'medium', 'exosomes', 'regeneration', 'fibroblasts'];
const journals = ['Stem Cell Research \\& Therapy', 'Journal of Extracellular Vesicles', 'Biomaterials', 'Wound Repair and Regeneration', 'Scientific Reports'];

function sentence(next: () => number, count: number): string {
  return Array.from({ length: count }, () => words[Math.floor(next() * words.length)]).join(' ');
}

function bibtexLibrary(size: number): string {
  const next = random(size);
  const parts: string[] = ['@string{sctr = {Stem Cell Research \\& Therapy}}\n'];
  for (let index = 0; index < size; index++) {
    const authors = Array.from({ length: 1 + Math.floor(next() * 6) }, () => `${families[Math.floor(next() * families.length)]}, ${givens[Math.floor(next() * givens.length)]}`).join(' and ');
    const journal = next() < 0.2 ? 'sctr' : `{${journals[Math.floor(next() * journals.length)]}}`;
    const abstract = next() < 0.3 ? `  abstract = {${sentence(next, 120)}},\n` : '';
    parts.push(
      `@article{key${index},\n  author = {${authors}},\n  title = {{${sentence(next, 4)}}: ${sentence(next, 8)}},\n  journal = ${journal},\n  year = ${1990 + Math.floor(next() * 35)},\n  month = ${['jan', 'may', 'oct'][index % 3]},\n  volume = {${1 + Math.floor(next() * 40)}},\n  pages = {${index % 900}--${(index % 900) + 12}},\n  doi = {10.1000/bench.${index}},\n${abstract}}\n\n`,
    );
  }
  return parts.join('');
}

function cslJsonLibrary(size: number): string {
  const next = random(size);
  const items = [];
  for (let index = 0; index < size; index++) {
    items.push({
      id: `key${index}`,
      type: 'article-journal',
      author: Array.from({ length: 1 + Math.floor(next() * 6) }, () => ({ family: ['Caseiro', 'Müller', 'Aksın', 'Østergaard', 'García'][Math.floor(next() * 5)], given: ['Ana', 'Özge', 'José'][Math.floor(next() * 3)] })),
      title: sentence(next, 12),
      'container-title': journals[Math.floor(next() * journals.length)].replace('\\&', '&'),
      issued: { 'date-parts': [[1990 + Math.floor(next() * 35), 1 + (index % 12)]] },
      volume: String(1 + Math.floor(next() * 40)),
      page: `${index % 900}–${(index % 900) + 12}`,
      DOI: `10.1000/bench.${index}`,
      ...(next() < 0.3 ? { abstract: sentence(next, 120) } : {}),
    });
  }
  return JSON.stringify(items, null, 1);
}

interface Row {
  name: string;
  megabytes: number;
  median: number;
  p95: number;
  references: number;
  heapMegabytes: number;
  rssMegabytes: number;
}

function measureReading(name: string, text: string, uri: string, runs: number): Row {
  return measureWork(name, text, runs, () => readBibliographySource(text, uri).references.length);
}

function measureWork(name: string, text: string, runs: number, work: () => number): Row {
  const times: number[] = [];
  let references = 0;
  let heap = 0;
  let rss = 0;
  for (let run = -1; run < runs; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    const start = performance.now();
    const count = work();
    const elapsed = performance.now() - start;
    const after = process.memoryUsage();
    if (run >= 0) times.push(elapsed);
    references = count;
    heap = Math.max(heap, after.heapUsed - before.heapUsed);
    rss = Math.max(rss, after.rss);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    megabytes: text.length / 1024 / 1024,
    median: times[Math.floor(times.length / 2)],
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))],
    references,
    heapMegabytes: heap / 1024 / 1024,
    rssMegabytes: rss / 1024 / 1024,
  };
}


const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
const rows: Row[] = [];
for (const size of sizes.length > 0 ? sizes : [1_000, 10_000, 100_000, 200_000]) {
  const runs = size <= 10_000 ? 21 : 5;
  rows.push(measureReading(`BibTeX ${size.toLocaleString('en')}`, bibtexLibrary(size), 'file:///bench/library.bib', runs));
  const json = cslJsonLibrary(size);
  rows.push(measureReading(`CSL-JSON ${size.toLocaleString('en')}`, json, 'file:///bench/library.json', runs));
  // The baseline: V8's own JSON.parse of the same CSL-JSON, since these machines are noisy.
  rows.push(measureWork(`JSON.parse ${size.toLocaleString('en')}`, json, runs, () => (JSON.parse(json) as unknown[]).length));
}
console.log('\nbibliography reading (heap MB: growth of the heap during one reading; rss MB: the process at its largest)');
console.log(`${'library'.padEnd(16)}  ${'MB'.padStart(6)}  ${'entries'.padStart(8)}  median ms   p95 ms  heap MB  rss MB`);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(16)}  ${row.megabytes.toFixed(1).padStart(6)}  ${String(row.references).padStart(8)}  ${row.median.toFixed(1).padStart(9)}  ${row.p95.toFixed(1).padStart(7)}  ${row.heapMegabytes.toFixed(0).padStart(7)}  ${row.rssMegabytes.toFixed(0).padStart(6)}`,
  );
}
