/**
 * `npm run bench` (completion part): completion at a keystroke with a generated 100k-entry library loaded as the
 * document's bibliography, through the language service as the server calls it (parse cached, the library indexed
 * once before timing). p50 and p95 per query; the target is p95 < 10 ms. Not a test: it never fails on time.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { generateLibrary, generatedSource } from '../core/knowledgeLibrary';

const size = Number(process.env.COMPLETION_BENCH_SIZE ?? 100_000);
const service = createLanguageService({ dataset: loadBundledDataset() });
service.setBibliography({ source: generatedSource, references: generateLibrary(size, 42) });
const config = resolveConfig({ sources: { bibliographyIds: [generatedSource.id] } });

const sentence = 'Conditioned medium from umbilical cord stem cells helped heal chronic skin wounds in diabetic mice ';
const cases: [string, string][] = [
  ['latex', '\\cite{s'],
  ['latex', '\\cite{smi'],
  ['latex', '\\cite{turk'],
  ['markdown', '[@smith 2019'],
  ['markdown', '[Caseiro'],
  ['markdown', '['],
];

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

const rows: string[] = [];
let documentNumber = 0;
for (const [languageId, typed] of cases) {
  const text = `Intro paragraph.\n\n${sentence}${typed}`;
  const document = TextDocument.create(`file:///bench/${++documentNumber}.${languageId === 'latex' ? 'tex' : 'md'}`, languageId, 1, text);
  const position = document.positionAt(text.length);
  let items = 0;
  const times: number[] = [];
  // The first call indexes the library and scores the sentence; 20 more let the JIT settle.
  for (let run = -20; run < 200; run++) {
    const start = performance.now();
    items = service.doComplete(document, position, config).items.length;
    if (run >= 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  rows.push(`${JSON.stringify(typed).padEnd(16)} ${percentile(times, 0.5).toFixed(3).padStart(9)} ${percentile(times, 0.95).toFixed(3).padStart(9)} ${String(items).padStart(6)}`);
}
console.log(`completion with a ${size}-entry library   median ms    p95 ms  items`);
for (const row of rows) console.log(row);
