// Runs the same editor suites under @vscode/test-electron (VS Code desktop), for machines that can download it.
// This network cannot, so `npm run test:editor` uses code-server; run this with
//   node scripts/run-editor-tests.mjs --electron        (or SECRETOME_EDITOR_BACKEND=electron npm run test:editor)
// VSCODE_VERSION picks the desktop version (default: 'stable'); VSCODE_EXECUTABLE uses an installed one instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot, readJson } from './codeServer.mjs';

/** `buildEditorTests` and `fixturesDir` come from run-editor-tests.mjs (passed in: that module is still evaluating). */
export async function runInElectron({ grep, buildEditorTests, fixturesDir }) {
  const { runTests } = await import('@vscode/test-electron');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'secretome-electron-'));
  const resultFile = path.join(scratch, 'result.json');
  const userDataDir = path.join(scratch, 'user-data');
  let exitCode = 1;
  try {
    const indexFile = await buildEditorTests();
    writeFileSync(path.join(scratch, 'report.txt'), '');
    try {
      await runTests({
        ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
        extensionDevelopmentPath: projectRoot,
        extensionTestsPath: indexFile,
        extensionTestsEnv: { SECRETOME_EDITOR_RESULT: resultFile, ...(grep ? { SECRETOME_EDITOR_GREP: grep } : {}) },
        // A fresh profile each run: hot-exit backups and other extensions never leak in.
        launchArgs: [fixturesDir, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userDataDir}`],
      });
      exitCode = 0;
    } catch (error) {
      console.log(String(error?.message ?? error));
    }
  } catch (error) {
    console.log(String(error?.stack ?? error));
  } finally {
    const result = readJson(resultFile) ?? { passed: 0, failed: 1 };
    console.log(`editor: ${result.passed} passed, ${result.failed} failed`);
    rmSync(scratch, { recursive: true, force: true });
    if (result.failed > 0 || result.passed === 0) exitCode = 1;
  }
  return exitCode;
}
