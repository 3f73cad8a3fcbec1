/**
 * Entry point VS Code's extension host calls (`extensionTestsPath`): runs the editor suites with mocha, the way
 * @vscode/test-electron expects. It is bundled to out/editor-test/index.js next to one bundle per suite file.
 *
 * Output goes to the console (test-electron prints it) and, line by line, to SECRETOME_EDITOR_REPORT when set
 * (code-server's remote extension host has no terminal, so the runner tails that file). The counts go to
 * SECRETOME_EDITOR_RESULT as JSON; the runner prints the closing `editor: N passed, N failed` line.
 */
import { appendFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const reportFile = process.env.SECRETOME_EDITOR_REPORT;
  const resultFile = process.env.SECRETOME_EDITOR_RESULT;
  const print = (line: string): void => {
    console.log(line);
    if (reportFile) appendFileSync(reportFile, `${line}\n`);
  };

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'base' });
  const grep = process.env.SECRETOME_EDITOR_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      if (resultFile) writeFileSync(resultFile, JSON.stringify({ passed, failed }));
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
    runner.on('suite', (suite) => {
      if (suite.title) print(`  ${suite.fullTitle()}`);
    });
    runner.on('pass', (test) => {
      passed++;
      print(`    ✓ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test, error: Error) => {
      failed++;
      print(`    ✗ ${test.fullTitle()}`);
      print(indent(error.stack ?? error.message));
    });
  });
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n');
}
