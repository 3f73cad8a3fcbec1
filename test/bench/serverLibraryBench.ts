/**
 * `npm run bench` (server part): the bundled server (`node dist/server.js --stdio`) loading a generated library of 1k,
 * 100k and 200k BibTeX entries named by a manuscript, measured over the protocol as an editor sees it:
 * - load: from didOpen until the server logs "loaded N references from refs.bib" (read + parse + index), and until
 *   the manuscript's diagnostics know a library key;
 * - stall: round trips of a hover on ANOTHER document sent every 50 ms during the load (the longest is how long the
 *   event loop was held);
 * - completion on `\cite{smi` after the load (the first one separately), and hover on a library key;
 * - the server's RSS after the load (VmRSS of /proc/<pid>/status).
 * The baseline, in the same process: the round trip of a hover on the other document before the library is named.
 * Not a test: it never fails on time.
 *
 *   node --import tsx test/bench/serverLibraryBench.ts [sizes…]     e.g. … 1000 100000
 *
 * To compare with another build in the same run (machines here are shared, so only interleaved runs compare):
 *   SECRETOME_BASELINE_SERVER=/path/to/old/dist/server.js BENCH_ROUNDS=5 node --import tsx test/bench/serverLibraryBench.ts 1000
 * prints, per build, the median and p95 over the rounds of each measure.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { bibtexEntry, generateLibrary } from '../core/knowledgeLibrary';
import { serverPath, startClient } from '../server/lspClient';

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

function rssMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Result {
  size: number;
  megabytes: number;
  loadLogged?: number;
  logLine?: string;
  diagnosticsKnow?: number;
  baselineHover: number;
  stallHovers: number[];
  firstCompletion: number;
  completions: number[];
  completionItems: number;
  keyHovers: number[];
  rss: number;
}

async function measureServer(size: number, server = serverPath): Promise<Result> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-library-bench-'));
  const library = generateLibrary(size, 7);
  const bib = library.map((reference) => bibtexEntry(reference.item)).join('\n');
  fs.writeFileSync(path.join(folder, 'refs.bib'), bib);
  const knownKey = library[Math.floor(size / 2)].key;
  const manuscriptLines = [
    '\\documentclass{article}',
    '\\begin{document}',
    `Secretome therapy helps \\cite{${knownKey}} but not \\cite{nosuchkey1999}.`,
    'More in \\cite{smi',
    '\\bibliography{refs}',
    '\\end{document}',
  ];
  const manuscript = pathToFileURL(path.join(folder, 'paper.tex')).href;
  const other = pathToFileURL(path.join(folder, 'notes.md')).href;
  const otherText = 'Mesenchymal stem cell secretome and extracellular vesicles heal wounds [1].\n';

  const client = await startClient({}, folder, undefined, server);
  const logs: { at: number; message: string }[] = [];
  client.connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push({ at: performance.now(), message: params.message });
  });
  try {
    await client.open(other, 'markdown', otherText);
    await client.diagnostics(other);
    const hoverOther = async () => {
      const start = performance.now();
      await client.hover(other, { line: 0, character: 3 });
      return performance.now() - start;
    };
    const baseline: number[] = [];
    for (let run = 0; run < 40; run++) baseline.push(await hoverOther());

    const opened = performance.now();
    await client.open(manuscript, 'latex', manuscriptLines.join('\n'));
    // Hovers on the other document every 50 ms while the library loads.
    const stallHovers: number[] = [];
    let loading = true;
    const prober = (async () => {
      while (loading) {
        void hoverOther().then((time) => stallHovers.push(time));
        await sleep(50);
      }
    })();
    const unknown = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-citation').map((diagnostic) => String(diagnostic.message));
    let diagnosticsKnow: number | undefined;
    const deadline = opened + 120_000;
    let loggedAt: number | undefined;
    while (performance.now() < deadline) {
      // Until the rules read the knowledge base, diagnostics may never know a library key: stop 3 s after the load line.
      loggedAt ??= logs.find((log) => /loaded \d+ references from refs\.bib/.test(log.message))?.at;
      if (loggedAt !== undefined && performance.now() - loggedAt > 3000) break;
      const diagnostics = client.published().get(manuscript);
      const flagged = diagnostics && unknown(diagnostics);
      if (flagged && flagged.some((message) => message.includes('nosuchkey1999')) && !flagged.some((message) => message.includes(knownKey))) {
        diagnosticsKnow = performance.now() - opened;
        break;
      }
      await sleep(5);
    }
    const loadedLog = logs.find((log) => /loaded \d+ references from refs\.bib/.test(log.message));
    // Keep probing a little past the load: the first ranking may build what the load left for later.
    const completionStart = performance.now();
    await client.completion(manuscript, { line: 3, character: manuscriptLines[3].length });
    const firstCompletion = performance.now() - completionStart;
    await sleep(200);
    loading = false;
    await prober;
    await sleep(100);

    const completions: number[] = [];
    let completionItems = 0;
    for (let run = 0; run < 40; run++) {
      const start = performance.now();
      completionItems = (await client.completion(manuscript, { line: 3, character: manuscriptLines[3].length })).length;
      completions.push(performance.now() - start);
    }
    const keyHovers: number[] = [];
    const keyCharacter = manuscriptLines[2].indexOf(knownKey) + 2;
    for (let run = 0; run < 40; run++) {
      const start = performance.now();
      await client.hover(manuscript, { line: 2, character: keyCharacter });
      keyHovers.push(performance.now() - start);
    }
    return {
      size,
      megabytes: bib.length / 2 ** 20,
      loadLogged: loadedLog && loadedLog.at - opened,
      logLine: loadedLog?.message,
      diagnosticsKnow,
      baselineHover: percentile(baseline, 0.5),
      stallHovers,
      firstCompletion,
      completions,
      completionItems,
      keyHovers,
      rss: rssMegabytes(client.process.pid!),
    };
  } finally {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const format = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(1));
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
/** SECRETOME_BASELINE_SERVER=…/dist/server.js: the same loads on an older build, interleaved, BENCH_ROUNDS times each. */
const baseline = process.env.SECRETOME_BASELINE_SERVER;
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));

function printResult(result: Result): void {
  console.log(`\nserver with a ${result.size.toLocaleString('en')}-entry refs.bib (${result.megabytes.toFixed(1)} MB)`);
  console.log(`  load until logged:            ${format(result.loadLogged)} ms   (${result.logLine ?? 'no load line logged'})`);
  console.log(`  load until diagnostics know:  ${format(result.diagnosticsKnow)} ms`);
  console.log(
    `  hover on another document:    baseline p50 ${format(result.baselineHover)} ms; during the load p50 ${format(percentile(result.stallHovers, 0.5))}, p95 ${format(percentile(result.stallHovers, 0.95))}, max ${format(Math.max(...result.stallHovers))} ms (${result.stallHovers.length} hovers; max ÷ baseline ${(Math.max(...result.stallHovers) / result.baselineHover).toFixed(0)})`,
  );
  console.log(`  first completion \\cite{smi:  ${format(result.firstCompletion)} ms`);
  console.log(`  completion \\cite{smi:        p50 ${format(percentile(result.completions, 0.5))}, p95 ${format(percentile(result.completions, 0.95))} ms round trip (${result.completionItems} items)`);
  console.log(`  hover on a library key:       p50 ${format(percentile(result.keyHovers, 0.5))}, p95 ${format(percentile(result.keyHovers, 0.95))} ms round trip`);
  console.log(`  server RSS after the load:    ${result.rss.toFixed(0)} MB`);
}

/** Per measure, the median and p95 over the rounds of one build. */
function printSummary(label: string, results: Result[]): void {
  const row = (name: string, values: (number | undefined)[]) => {
    const known = values.filter((value): value is number => value !== undefined);
    const summary = known.length > 0 ? `median ${format(percentile(known, 0.5)).padStart(8)}  p95 ${format(percentile(known, 0.95)).padStart(8)}` : 'none';
    console.log(`  ${label.padEnd(9)} ${name.padEnd(30)} ${summary}  (${known.length} rounds)`);
  };
  row('load until logged ms', results.map((result) => result.loadLogged));
  row('load until diagnostics know ms', results.map((result) => result.diagnosticsKnow));
  row('longest hover in load ms', results.map((result) => Math.max(...result.stallHovers)));
  row('hover p95 in load ms', results.map((result) => percentile(result.stallHovers, 0.95)));
  row('first completion ms', results.map((result) => result.firstCompletion));
  row('RSS after load MB', results.map((result) => result.rss));
}

void (async () => {
  for (const size of sizes.length > 0 ? sizes : [1_000, 100_000, 200_000]) {
    const builds = baseline ? [['baseline', baseline], ['current', serverPath]] : [['current', serverPath]];
    const results = new Map<string, Result[]>(builds.map(([label]) => [label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const [label, server] of builds) {
        const result = await measureServer(size, server);
        results.get(label)!.push(result);
        if (rounds === 1) {
          if (baseline) console.log(`\n[${label}: ${server}]`);
          printResult(result);
        }
      }
    }
    if (rounds > 1 || baseline) {
      console.log(`\n${size.toLocaleString('en')} entries, ${rounds} round(s) per build, interleaved`);
      for (const [label, list] of results) printSummary(label, list);
    }
  }
})();
