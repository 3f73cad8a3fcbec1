/**
 * `npm run bench` (pathological inputs, issue 10): for each pattern of pathologicalPatterns.ts, at 1 MB and 5 MB, the
 * wall time, CPU time and peak RSS of
 *   - the command-line linter, `node dist/cli.js --format json FILE`, one child process per run (start-up included;
 *     peak RSS and CPU time read inside the child by a preloaded module), and
 *   - the core alone, doValidate of a fresh document in a child process of its own, since the CLI refuses files with
 *     NUL bytes and a file cannot hold lone surrogates;
 * with the wall time per MB, and its ratio between the largest and the smallest size: at most 1.5 when the work grows
 * linearly (the budget, manuscript/limits.ts, makes it smaller still past 2,000,000 characters of prose). CPU time is
 * shown because other work on the machine inflates wall time. Never fails on time.
 *
 *   node --import tsx test/bench/pathologicalBench.ts [--only SUBSTRING] [--sizes 1,5] [--no-cli] [--no-core]
 *                                                      [--timeout MS] [--cli OTHER/dist/cli.js] [--no-budget]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics';
import { createLanguageService } from '../../server/src/core/languageService';
import { parseManuscript } from '../../server/src/core/manuscript';
import { fileNameFor, pathologicalPatterns } from './pathologicalPatterns';
import { singleFileContext } from '../../server/src/core/project/model';

const MB = 1_000_000;
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
/** A run that takes longer than this is stopped and reported as such (the issue measured 68 s before the fix). */
const TIMEOUT_MS = Number(option('--timeout') ?? 60_000);

interface Run {
  /** Wall time of the analysis (CLI: of the whole process). */
  ms: number;
  /** CPU time (user + system) of the process. */
  cpuMs?: number;
  /** Peak RSS of the process. */
  mb: number;
  timedOut?: boolean;
  /** The CLI said the file is not a manuscript (exit code 2: NUL bytes make it a binary file), which is an answer too. */
  refused?: boolean;
}

/** What a measuring child prints on a line of its own. */
const MEASURE_LINE = /@@measure (\{.*\})/;

function readMeasure(output: string | null, timedOut: boolean): { ms?: number; cpuMs: number; maxRssKb: number; exitCode?: number } | { timedOut: boolean } {
  const line = MEASURE_LINE.exec(output ?? '');
  return line ? JSON.parse(line[1]!) : { timedOut };
}

/** Runs the CLI on the text, written to `file` in `folder`; `preload` reports the child's CPU time and peak RSS. */
function cliRun(cliPath: string, folder: string, preload: string, text: string, file: string): Run {
  const target = path.join(folder, file);
  fs.writeFileSync(target, text);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--require', preload, cliPath, '--format', 'json', target], {
    cwd: folder,
    timeout: TIMEOUT_MS,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  const measured = readMeasure(child.stderr, child.signal !== null);
  if ('timedOut' in measured) return { ms, mb: NaN, timedOut: measured.timedOut };
  return { ms, cpuMs: measured.cpuMs, mb: measured.maxRssKb / 1024, ...(measured.exitCode === 2 ? { refused: true } : {}) };
}

/** The core on pattern `index` at `size` characters, in a child process (this file with `--core-child`). */
function coreRun(index: number, size: number): Run {
  const budget = args.includes('--no-budget') ? ['--no-budget'] : [];
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--core-child', String(index), String(size), ...budget], {
    timeout: TIMEOUT_MS,
    encoding: 'utf8',
  });
  const measured = readMeasure(child.stdout, child.signal !== null);
  if ('timedOut' in measured) return { ms: NaN, mb: NaN, timedOut: measured.timedOut };
  return { ms: measured.ms ?? NaN, cpuMs: measured.cpuMs, mb: measured.maxRssKb / 1024 };
}

/**
 * In the child: builds the pattern, then times doValidate of a fresh document and prints the measure line. With
 * `--no-budget` the document is parsed with no budget at all, to show that the work itself grows linearly.
 */
function coreChild(index: number, size: number): void {
  const pattern = pathologicalPatterns[index]!;
  const text = pattern.make(size);
  const dataset = loadBundledDataset();
  const service = createLanguageService({ dataset });
  const document = TextDocument.create(`file:///pathological/${index}`, pattern.language, 1, text);
  const config = resolveConfig();
  const unlimited = { maxProseCharacters: Infinity, maxSentences: Infinity, maxCitations: Infinity, maxCitationEntries: Infinity };
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (args.includes('--no-budget')) {
    const manuscript = parseManuscript(text, pattern.language, unlimited);
    computeDiagnostics({ document, manuscript, references: service.referencesFor(document, config), dataset, config, project: singleFileContext(document, manuscript) });
  } else {
    service.doValidate(document, config);
  }
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  process.stdout.write(`@@measure ${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

const cell = (value: number | undefined, digits = 0) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '—');

/** One Markdown table: per size the wall time, CPU time, peak memory and wall time per MB; then the ratio of time per MB. */
function table(title: string, sizes: number[], only: string | undefined, measure: (index: number, text: string) => Run): void {
  const columns = sizes.flatMap((size) => [`${size} MB ms`, `${size} MB cpu ms`, `${size} MB peak MB`, `${size} MB ms/MB`]);
  console.log(`\n${title}\n\n| pattern | ${columns.join(' | ')} | ratio |\n|---|${columns.map(() => '---:').join('|')}|---:|`);
  pathologicalPatterns.forEach((pattern, index) => {
    if (only && !pattern.name.includes(only)) return;
    const cells: string[] = [];
    const perMb: number[] = [];
    for (const size of sizes) {
      const text = pattern.make(size * MB);
      const result = measure(index, text);
      const megabytes = text.length / MB;
      perMb.push(result.timedOut ? NaN : result.ms / megabytes);
      const note = result.timedOut ? ` (over ${TIMEOUT_MS / 1000} s)` : result.refused ? ' (refused)' : '';
      cells.push(`${cell(result.ms)}${note}`, cell(result.cpuMs), cell(result.mb), result.timedOut ? '—' : cell(result.ms / megabytes));
    }
    const ratio = perMb.length > 1 ? perMb[perMb.length - 1]! / perMb[0]! : NaN;
    console.log(`| ${pattern.name.replace(/\|/g, '\\|')} (${pattern.language}) | ${cells.join(' | ')} | ${cell(ratio, 2)} |`);
  });
}

function main(): void {
  const only = option('--only');
  const sizes = (option('--sizes') ?? '1,5').split(',').map(Number);
  const cliPath = path.resolve(option('--cli') ?? path.resolve(__dirname, '../../dist/cli.js'));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-pathological-'));
  const preload = path.join(folder, 'measure.cjs');
  fs.writeFileSync(
    preload,
    `process.on('exit', () => {
  const cpu = process.cpuUsage();
  require('fs').writeSync(2, '\\n@@measure ' + JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, exitCode: process.exitCode }) + '\\n');
});
`,
  );
  console.log(`Pathological inputs (${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}); ratio = ms/MB at ${sizes[sizes.length - 1]} MB / at ${sizes[0]} MB`);
  try {
    if (!args.includes('--no-cli')) {
      table('CLI: node dist/cli.js --format json FILE (whole process: start-up, reading, analysis, output)', sizes, only, (index, text) =>
        cliRun(cliPath, folder, preload, text, fileNameFor(pathologicalPatterns[index]!.language)),
      );
    }
    if (!args.includes('--no-core')) {
      const budget = args.includes('--no-budget') ? ', with no budget' : '';
      table(`Core: doValidate of a fresh document (parse, sentences, lint) in a child process${budget}`, sizes, only, (index, text) => coreRun(index, text.length));
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const childAt = args.indexOf('--core-child');
if (childAt >= 0) coreChild(Number(args[childAt + 1]), Number(args[childAt + 2]));
else main();
