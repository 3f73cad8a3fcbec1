// Runs the editor suites (test/editor/) inside a real VS Code extension host.
//
// Here that VS Code is code-server in headless Chromium: the workbench URL carries the test-electron style payload
// (extensionDevelopmentPath + extensionTestsPath), which code-server honours with the smoke-test driver enabled.
// With --electron (or SECRETOME_EDITOR_BACKEND=electron) the same suite runs under @vscode/test-electron instead,
// for machines that can download VS Code desktop.
//
//   node scripts/run-editor-tests.mjs [--electron] [--grep PATTERN] [--keep]
// Ends with `editor: N passed, N failed` and a non-zero exit code on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createSandbox,
  delay,
  ensureCodeServer,
  launchChromium,
  projectRoot,
  readJson,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './codeServer.mjs';

export const editorTestsOutDir = path.join(projectRoot, 'out', 'editor-test');
export const editorFixturesDir = path.join(projectRoot, 'test', 'fixtures', 'editor');
/** Multi-file manuscripts (navigation across chapters): the window's second folder, so they are inside the workspace. */
export const projectFixturesDir = path.join(projectRoot, 'test', 'fixtures', 'projects');
const suiteDeadlineMs = 6 * 60_000;

/** Builds the extension (dist/) and bundles each editor suite file to out/editor-test/ ('vscode' and mocha stay external). */
export async function buildEditorTests() {
  const build = spawnSync(process.execPath, [path.join(projectRoot, 'esbuild.mjs')], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const esbuild = await import('esbuild');
  rmSync(editorTestsOutDir, { recursive: true, force: true });
  const sourceDir = path.join(projectRoot, 'test', 'editor');
  const entryPoints = readdirSync(sourceDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(sourceDir, name));
  await esbuild.build({
    entryPoints,
    outdir: editorTestsOutDir,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(editorTestsOutDir, 'index.js');
}

function summaryLine(passed, failed) {
  return `editor: ${passed} passed, ${failed} failed`;
}

/** Streams new lines of `file` to stdout; returns a function that flushes the rest and stops. */
function tail(file) {
  let printed = 0;
  const flush = () => {
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    if (text.length > printed) {
      process.stdout.write(text.slice(printed));
      printed = text.length;
    }
  };
  const timer = setInterval(flush, 250);
  return () => {
    clearInterval(timer);
    flush();
  };
}

async function runInCodeServer({ grep, keep }) {
  const sandbox = createSandbox('editor');
  const reportFile = path.join(sandbox.root, 'report.txt');
  const resultFile = path.join(sandbox.root, 'result.json');
  writeFileSync(reportFile, '');
  // Word-based suggestions would mix document words into the lists; the tests look at our server's items only.
  writeUserSettings(sandbox, { 'editor.wordBasedSuggestions': 'off' });

  let server;
  let browser;
  ensureCodeServer(); // first run only: installs it (timed apart from the suite)
  const stopTail = tail(reportFile);
  const started = Date.now();
  try {
    // The remote extension host inherits code-server's environment: that is how the suite finds its report files.
    server = await startCodeServer(sandbox, {
      smokeTestDriver: true,
      env: {
        SECRETOME_EDITOR_REPORT: reportFile,
        SECRETOME_EDITOR_RESULT: resultFile,
        ...(grep ? { SECRETOME_EDITOR_GREP: grep } : {}),
      },
    });
    const indexFile = await buildEditorTests();
    browser = await launchChromium(sandbox);
    const page = browser.pages()[0] ?? (await browser.newPage());

    const logs = [];
    let exitCode;
    await page.exposeFunction('codeAutomationLog', (level, message) => logs.push(`[${level}] ${message}`));
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = code;
    });
    page.on('console', (message) => {
      if (message.type() === 'error') logs.push(`[browser] ${message.text()}`);
    });

    // Two folders from the start (adding one later would restart the extension host): the editor fixtures first.
    const workspaceFile = path.join(sandbox.root, 'editor.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: editorFixturesDir }, { path: projectFixturesDir }] }));
    const url = workbenchUrl(server, workspaceFile, [
      ['extensionDevelopmentPath', server.remoteUri(projectRoot)],
      ['extensionTestsPath', server.remoteUri(indexFile)],
    ]);
    console.log(`editor tests in code-server ${server.url} (workbench opened in headless Chromium)`);
    await page.goto(url);

    const deadline = Date.now() + suiteDeadlineMs;
    while (exitCode === undefined && Date.now() < deadline && !page.isClosed()) await delay(200);
    stopTail();
    const result = readJson(resultFile);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (exitCode === undefined || !result) {
      console.log(`the suite did not report within ${suiteDeadlineMs / 1000} s (exit code ${exitCode}); last workbench logs:`);
      console.log(logs.slice(-40).join('\n'));
      console.log(server.output().slice(-4000));
      const shot = path.join(projectRoot, 'test-results', 'editor-timeout.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`screenshot: ${shot}`);
      console.log(summaryLine(result?.passed ?? 0, (result?.failed ?? 0) + 1));
      return 1;
    }
    if (result.failed > 0) printExtensionLogs(sandbox);
    console.log(`editor suite finished in ${seconds} s (code-server start, build, workbench load and tests)`);
    console.log(summaryLine(result.passed, result.failed));
    return exitCode === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1;
  } catch (error) {
    stopTail();
    console.log(String(error?.stack ?? error));
    console.log(summaryLine(0, 1));
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (keep) console.log(`kept ${sandbox.root}`);
    else sandbox.remove();
  }
}

/** On failure, the extension's own output channel usually says why (for example: the server did not start). */
function printExtensionLogs(sandbox) {
  const logsDir = path.join(sandbox.userDataDir, 'logs');
  const found = existsSync(logsDir)
    ? readdirSync(logsDir, { recursive: true }).filter((file) => String(file).endsWith('Secretome Writer.log'))
    : [];
  for (const file of found) {
    const text = readFileSync(path.join(logsDir, String(file)), 'utf8');
    console.log(`--- output channel "Secretome Writer" (last lines) ---\n${text.split('\n').slice(-30).join('\n')}`);
  }
}

function parseArguments(argv) {
  const options = { electron: process.env.SECRETOME_EDITOR_BACKEND === 'electron', grep: undefined, keep: false };
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--electron') options.electron = true;
    else if (argv[index] === '--grep') options.grep = argv[++index];
    else if (argv[index] === '--keep') options.keep = true;
  }
  return options;
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const options = parseArguments(process.argv.slice(2));
  if (options.electron) {
    const { runInElectron } = await import('./run-editor-tests-electron.mjs');
    process.exitCode = await runInElectron({ ...options, buildEditorTests, fixturesDir: editorFixturesDir });
  } else {
    process.exitCode = await runInCodeServer(options);
  }
}
