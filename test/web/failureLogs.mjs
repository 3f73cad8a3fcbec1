// What the browser suite keeps when a test fails, so an intermittent failure explains itself: the extension's output
// channel (the server's log: "diagnostics failed for …", files not read), the web worker extension host's log, and the
// page's console. VS Code for the Web keeps its log files in the browser, in IndexedDB ("vscode-web-db", store
// "vscode-logs-store", keyed by path such as /<session>/exthost/webWorker/<extension id>/<channel>.log).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** At most this many console lines are kept, the newest. */
const maxConsoleLines = 2000;

/** Records the page's console (with its frames' and the extension host's messages) and uncaught errors into `lines`. */
export function recordConsole(page, lines = []) {
  const push = (line) => {
    lines.push(`${new Date().toISOString()} ${line}`);
    if (lines.length > maxConsoleLines) lines.shift();
  };
  page.on('console', (message) => push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => push(`[uncaught] ${error.stack ?? error.message}`));
  return lines;
}

/** The workbench's log files whose path matches `pattern` (a RegExp source), as { path, text }, by path. */
export async function workbenchLogs(page, pattern) {
  return page.evaluate(async (source) => {
    const request = (operation) =>
      new Promise((resolve, reject) => {
        operation.onsuccess = () => resolve(operation.result);
        operation.onerror = () => reject(operation.error);
      });
    const database = await request(indexedDB.open('vscode-web-db'));
    try {
      if (!database.objectStoreNames.contains('vscode-logs-store')) return [];
      const store = database.transaction('vscode-logs-store', 'readonly').objectStore('vscode-logs-store');
      const wanted = new RegExp(source);
      const keys = (await request(store.getAllKeys())).map(String).filter((key) => wanted.test(key)).sort();
      const logs = [];
      for (const key of keys) {
        const value = await request(store.get(key));
        logs.push({ path: key, text: typeof value === 'string' ? value : new TextDecoder().decode(value) });
      }
      return logs;
    } finally {
      database.close();
    }
  }, pattern.source);
}

/**
 * Writes `<name>.log` in `resultsDir`: the web worker extension host's logs (Secretome Writer's output channel among
 * them) and the console lines recorded; returns its path. Never throws: a failure's report must not hide the failure.
 */
export async function writeFailureLog(page, consoleLines, resultsDir, name) {
  const file = path.join(resultsDir, `${name}.log`);
  let logs;
  try {
    logs = await workbenchLogs(page, /\/exthost\/webWorker\//);
  } catch (error) {
    logs = [{ path: '(the workbench logs could not be read)', text: String(error?.stack ?? error) }];
  }
  const sections = [
    ...logs.filter((log) => log.text).map((log) => `=== ${log.path}\n${log.text}`),
    `=== the page's console (${consoleLines.length} lines)\n${consoleLines.join('\n')}\n`,
  ];
  try {
    writeFileSync(file, sections.join('\n'));
  } catch {
    return undefined;
  }
  return file;
}

/** A mocha afterEach hook: for a failed test, its logs (writeFailureLog) in `resultsDir`, named after the test. */
export function logsOnFailure(currentPage, consoleLines, resultsDir) {
  return async function () {
    const page = currentPage();
    if (!page || this.currentTest.state !== 'failed') return;
    const file = await writeFailureLog(page, consoleLines, resultsDir, fileNameOf(this.currentTest.title));
    if (file) console.log(`      logs of the failure: ${file}`);
  };
}

/** A test's title as a file name, as the screenshots are named. */
export function fileNameOf(title) {
  return title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
}
