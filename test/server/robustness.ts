/**
 * The checks every bad input and every regression goes through: the server answers each request in time and logs
 * no failed handler, and the CLI exits with a code and a message of its own, never a stack trace.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LogMessageNotification, MessageType, type Position } from 'vscode-languageserver-protocol';
import type { LspClient } from './lspClient';
import type { BadInput } from '../support/badInputs';
import { lineStarts, positionAt } from '../support/fuzzEdits';
import { within } from '../support/deadline';

export const cliPath = path.resolve(__dirname, '../../dist/cli.js');

/** Generous: today's slowest input here answers in about a second on a loaded 2-core machine. */
export const answerTimeoutMs = 20000;

/** Writes the input and its companions into `folder`; returns the manuscript's path. */
export function writeInput(folder: string, input: BadInput): string {
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, content] of Object.entries(input.companions ?? {})) fs.writeFileSync(path.join(folder, name), content);
  const file = path.join(folder, input.file);
  fs.writeFileSync(file, input.bytes ?? input.text);
  return file;
}

/** Collects the server's error log lines: a handler that threw is answered with a fallback and logged, not crashed. */
export function watchErrors(client: LspClient): () => string[] {
  const errors: string[] = [];
  client.connection.onNotification(LogMessageNotification.type, (params) => {
    if (params.type === MessageType.Error) errors.push(params.message);
  });
  return () => errors.splice(0);
}

/** Where to ask: both ends, the middle, and just inside the first citation-like opener. */
export function probePositions(text: string): Position[] {
  const starts = lineStarts(text);
  const offsets = [0, text.length >> 1, text.length];
  const opener = /\[|\\cite\w*\{|@/.exec(text);
  if (opener) offsets.push(opener.index + opener[0].length);
  return offsets.map((offset) => positionAt(starts, offset));
}

/**
 * Opens the text, waits for its diagnostics, asks hover, completion and code actions, and closes it: each within
 * the timeout, with no handler failure logged. Returns the diagnostics.
 */
export async function assertServerAnswers(client: LspClient, errors: () => string[], file: string, languageId: string, text: string, what: string) {
  const uri = pathToFileURL(file).href;
  const published = client.nextDiagnostics(uri);
  await client.open(uri, languageId, text);
  const diagnostics = await within(answerTimeoutMs, published, `diagnostics of ${what}`);
  for (const position of probePositions(text)) {
    await within(answerTimeoutMs, client.hover(uri, position), `hover at ${position.line}:${position.character} in ${what}`);
    await within(answerTimeoutMs, client.completionList(uri, position), `completion at ${position.line}:${position.character} in ${what}`);
  }
  const end = positionAt(lineStarts(text), text.length);
  await within(answerTimeoutMs, client.codeActions(uri, { start: { line: 0, character: 0 }, end }, diagnostics.slice(0, 50)), `code actions in ${what}`);
  const cleared = client.nextDiagnostics(uri);
  await client.close(uri);
  await within(answerTimeoutMs, cleared, `diagnostics cleared on closing ${what}`);
  assert.strictEqual(client.process.exitCode, null, `the server exited on ${what}; stderr:\n${client.stderr()}`);
  assert.deepStrictEqual(errors(), [], `the server logged failures on ${what}`);
  return diagnostics;
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(cwd: string, args: string[]): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 60000, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Exit code 0, 1 or 2, every stderr line the linter's own (`secretome-lint: …`), JSON on stdout. */
export function cliProblems(run: CliRun): string[] {
  const problems: string[] = [];
  if (run.signal) problems.push(`killed by ${run.signal} (timed out?)`);
  else if (run.status === null || ![0, 1, 2].includes(run.status)) problems.push(`exit code ${run.status}`);
  const foreign = run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('secretome-lint: '));
  if (foreign.length > 0) problems.push(`stderr not the linter's own messages:\n${foreign.slice(0, 12).join('\n')}`);
  try {
    JSON.parse(run.stdout);
  } catch {
    problems.push(`stdout is not JSON: ${run.stdout.slice(0, 200)}`);
  }
  return problems;
}

/**
 * Lints all files in one run (one process start instead of one per file); if that run fails, each file again on its
 * own, so the message names the files that break it.
 */
export function assertCliCopes(cwd: string, files: string[]): CliRun {
  const run = runCli(cwd, ['--format', 'json', ...files]);
  const problems = cliProblems(run);
  if (problems.length === 0) return run;
  const culprits = files
    .map((file) => ({ file, problems: cliProblems(runCli(cwd, ['--format', 'json', file])) }))
    .filter((result) => result.problems.length > 0)
    .map((result) => `${result.file}: ${result.problems.join('; ')}`);
  assert.fail(`the CLI failed on ${files.length} files together (${problems.join('; ')});\nalone: ${culprits.join('\n') || 'each passes alone'}`);
}
