/**
 * By hand, not in tests: what the bibliography readers make of every file in a folder (recursively): entries loaded,
 * entries reported as bad, other problems, and the time taken.
 *
 *   node --import tsx scripts/bibliographyTable.ts <folder>     e.g. /work/shared/bibliographies
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { readBibliographySource } from '../server/src/core/sources';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node --import tsx scripts/bibliographyTable.ts <folder>');
  process.exit(2);
}
const files = (fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => /\.(bib|json|ya?ml)$/i.test(file)).sort();
console.log('| file | KB | loaded | bad entries | other problems | ms |');
console.log('|---|---:|---:|---:|---:|---:|');
const totals = { loaded: 0, bad: 0, other: 0 };
for (const file of files) {
  const full = path.join(folder, file);
  const text = fs.readFileSync(full, 'utf8');
  const start = performance.now();
  const reading = readBibliographySource(text, pathToFileURL(full).href);
  const elapsed = performance.now() - start;
  const bad = reading.problems.filter((problem) => problem.code.startsWith('bad-')).length;
  const other = reading.problems.length - bad;
  totals.loaded += reading.references.length;
  totals.bad += bad;
  totals.other += other;
  console.log(`| ${file} | ${(text.length / 1024).toFixed(0)} | ${reading.references.length} | ${bad} | ${other} | ${elapsed.toFixed(0)} |`);
}
console.log(`| **${files.length} files** | | **${totals.loaded}** | **${totals.bad}** | **${totals.other}** | |`);
