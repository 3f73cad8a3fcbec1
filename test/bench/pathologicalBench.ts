/**
 * `npm run bench` (pathological inputs, issue 10): for each pattern of pathologicalPatterns.ts, the time and peak
 * memory of the command-line linter (`node dist/cli.js`, one child process per run, peak RSS from the child's own
 * `process.resourceUsage()` through a small wrapper) at 1 MB and 5 MB, per MB, and the ratio of time per MB between
 * 5 MB and 1 MB: at most 1.5 when the work is linear. The in-process core (parse, sentences, diagnostics) is timed
 * too, since the CLI skips files with NUL bytes and a file cannot hold lone surrogates. Never fails on time.
 *
 *   node --import tsx test/bench/pathologicalBench.ts [--only SUBSTRING] [--sizes 1,5] [--no-cli] [--no-core]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { createLanguageService } from '../../server/src/core/languageService';
import { fileNameFor, pathologicalPatterns } from './pathologicalPatterns';

const MB = 1_000_000;
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const only = option('--only');
const sizes = (option('--sizes') ?? '1,5').split(',').map(Number);
const runCli = !args.includes('--no-cli');
const runCore = !args.includes('--no-core');
/** A run that takes longer than this is stopped and reported as such (the issue measured 68 s before the fix). */
const TIMEOUT_MS = Number(option('--timeout') ?? 60_000);

/** `--cli FILE` times another build (an older one, say) instead of this worktree's dist/cli.js. */
const cliPath = path.resolve(option('--cli') ?? path.resolve(__dirname, '../../dist/cli.js'));
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-pathological-'));
/** Preloaded into the CLI's process (`node --require`): prints its peak RSS, measured inside the child, on exit. */
const preload = path.join(folder, 'measure.cjs');
fs.writeFileSync(
  preload,
  `process.on('exit', () => {
  require('fs').writeSync(2, '\\n@@measure ' + JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, cpuUs: process.cpuUsage().user + process.cpuUsage().system, exitCode: process.exitCode }) + '\\n');
});
`,
);

interface Run {
  /** Wall time. */
  ms: number;
  /** CPU time of the process (user + system), less disturbed by other load on the machine than wall time. */
  cpuMs?: number;
  mb: number;
  timedOut?: boolean;
  /** The CLI said the file is not a manuscript (exit code 2). */
  refused?: boolean;
}

function cliRun(text: string, file: string): Run {
  const target = path.join(folder, file);
  fs.writeFileSync(target, text);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--require', preload, cliPath, '--format', 'json', target], {
    cwd: folder,
    timeout: TIMEOUT_MS,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const wall = performance.now() - started;
  const line = /@@measure (\{.*\})/.exec(child.stderr ?? '');
  if (!line) return { ms: wall, mb: NaN, timedOut: child.signal !== null };
  const measured = JSON.parse(line[1]!) as { maxRssKb: number; cpuUs: number; exitCode?: number };
  // Exit code 2: the CLI refused the file (NUL bytes make it a binary file), which is an answer too.
  return { ms: wall, cpuMs: measured.cpuUs / 1000, mb: measured.maxRssKb / 1024, ...(measured.exitCode === 2 ? { refused: true } : {}) };
}

const dataset = loadBundledDataset();
const config = resolveConfig();

function coreRun(text: string, language: string, run: number): Run {
  // A fresh service per run, so nothing of the previous size is cached.
  const service = createLanguageService({ dataset });
  const document = TextDocument.create(`file:///pathological/${run}`, language, 1, text);
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const cpu = process.cpuUsage();
  service.doValidate(document, config);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, mb: (process.memoryUsage().heapUsed - before) / MB };
}

const cell = (value: number | undefined, digits = 0) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '—');

/** One Markdown table: per size the wall time, CPU time, memory and wall time per MB; then the ratio of time per MB. */
function table(title: string, memoryLabel: string, measure: (text: string, language: string, file: string, run: number) => Run): void {
  const columns = sizes.flatMap((size) => [`${size} MB ms`, `${size} MB cpu ms`, `${size} MB ${memoryLabel}`, `${size} MB ms/MB`]);
  console.log(`\n${title}\n\n| pattern | ${columns.join(' | ')} | ratio |\n|---|${columns.map(() => '---:').join('|')}|---:|`);
  let run = 0;
  for (const pattern of pathologicalPatterns) {
    if (only && !pattern.name.includes(only)) continue;
    const cells: string[] = [];
    const perMb: number[] = [];
    for (const size of sizes) {
      const text = pattern.make(size * MB);
      const result = measure(text, pattern.language, fileNameFor(pattern.language), run++);
      const megabytes = text.length / MB;
      perMb.push(result.timedOut ? NaN : result.ms / megabytes);
      const note = result.timedOut ? ` (over ${TIMEOUT_MS / 1000} s)` : result.refused ? ' (refused)' : '';
      cells.push(`${cell(result.ms)}${note}`, cell(result.cpuMs), cell(result.mb), result.timedOut ? '—' : cell(result.ms / megabytes));
    }
    const ratio = perMb.length > 1 ? perMb[perMb.length - 1]! / perMb[0]! : NaN;
    console.log(`| ${pattern.name.replace(/\|/g, '\\|')} | ${cells.join(' | ')} | ${cell(ratio, 2)} |`);
  }
}

console.log(`Pathological inputs (${os.cpus().length} cores, node ${process.version}); ratio = time per MB at ${sizes[sizes.length - 1]} MB / at ${sizes[0]} MB`);
if (runCli) table('CLI: node dist/cli.js --format json FILE (wall time incl. start-up; peak RSS MB)', 'peak MB', (text, _language, file) => cliRun(text, file));
if (runCore) table('Core in-process: doValidate of a fresh document (parse + sentences + lint; heap growth MB)', 'heap MB', (text, language, _file, run) => coreRun(text, language, run));
fs.rmSync(folder, { recursive: true, force: true });
