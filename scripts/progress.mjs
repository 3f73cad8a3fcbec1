// Progress for the long first-run steps (system packages, Node 24, code-server): one short line per step, a line every
// half minute while a step runs, and the step's full output in a log file, shown only when it fails.
//
//   runQuietly('code-server', 'npm install code-server', 'npm', [...], { cwd, env, logFile })
//
// The callers are synchronous (spawnSync), so the heartbeat runs in a small wrapper process: this file, run as
//   node scripts/progress.mjs --log FILE --label LABEL -- COMMAND ARGS...
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const heartbeatSeconds = 30;
const thisFile = fileURLToPath(import.meta.url);

/** "[code-server] label" on stderr, where the test runners' own output does not interleave with it. */
export function say(prefix, message) {
  process.stderr.write(`[${prefix}] ${message}\n`);
}

/**
 * Runs a command with its output going to `logFile`, saying what it does, that it is still running every half
 * minute, and how long it took. On failure prints the last lines of the log and throws.
 */
export function runQuietly(prefix, label, command, args, { cwd, env, logFile }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const started = Date.now();
  say(prefix, `${label}…`);
  const result = spawnSync(process.execPath, [thisFile, '--log', logFile, '--label', `[${prefix}]   ${label}`, '--', command, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (result.status !== 0) {
    say(prefix, `${label} failed after ${seconds} s (exit ${result.status}); the last lines of ${logFile}:`);
    process.stderr.write(lastLines(logFile, 30));
    throw new Error(`${label} failed (exit ${result.status}); full output in ${logFile}`);
  }
  say(prefix, `  done in ${seconds} s`);
}

function lastLines(file, count) {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    return `${lines.slice(-count).map((line) => `    ${line}`).join('\n')}\n`;
  } catch {
    return '    (no log)\n';
  }
}

/** The wrapper: runs the command with stdout and stderr into the log, and a heartbeat line on stderr. */
function wrapper(argv) {
  const separator = argv.indexOf('--');
  const option = (name) => argv[argv.indexOf(name) + 1];
  const [command, ...args] = argv.slice(separator + 1);
  const log = openSync(option('--log'), 'w');
  const started = Date.now();
  const child = spawn(command, args, { stdio: ['ignore', log, log] });
  const heartbeat = setInterval(() => {
    process.stderr.write(`${option('--label')}: still running, ${Math.round((Date.now() - started) / 1000)} s so far\n`);
  }, heartbeatSeconds * 1000);
  child.on('error', (error) => {
    process.stderr.write(`${command}: ${error.message}\n`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    clearInterval(heartbeat);
    closeSync(log);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) wrapper(process.argv.slice(2));
