// What the UI and browser suites do in the code-server workbench, as a user does it: open a file with Quick Open,
// wait for the server's status item, read the current line, keep a screenshot of each test's end.
import assert from 'node:assert/strict';
import path from 'node:path';

export const uiTimeoutMs = 30_000;
export const modifier = 'Control';

/** The status item in its ready state (the beaker icon; a spinner while the server starts). */
export function serverReady(page) {
  return page.locator('.statusbar-item', { hasText: 'Secretome' }).locator('.codicon-beaker').first();
}

/** Opens a workspace file with Quick Open, typed like a user does, and focuses its editor. */
export async function openFile(page, name) {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  await page.keyboard.press(`${modifier}+P`);
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: uiTimeoutMs });
  await page.keyboard.type(name, { delay: 10 });
  // The list first shows recent files; Enter only once the filtered list has this file on top.
  await page.locator('.quick-input-widget .monaco-list-row[data-index="0"]', { hasText: name }).waitFor({ timeout: uiTimeoutMs });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: uiTimeoutMs });
  await page.locator('.monaco-editor textarea, .monaco-editor .native-edit-context').first().focus();
}

/** Polls the editor's current line (as rendered) until `accept` holds. */
export async function expectCurrentLine(page, accept, description) {
  const deadline = Date.now() + uiTimeoutMs;
  let line = '';
  while (Date.now() < deadline) {
    line = await page
      .locator('.monaco-editor .view-overlays .current-line')
      .first()
      .evaluate((overlay) => {
        const top = overlay.parentElement?.style.top;
        const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
        const match = lines.find((element) => element.style.top === top);
        return (match?.textContent ?? '').replace(/\u00a0/g, ' ');
      })
      .catch(() => '');
    if (accept(line)) return line;
    await page.waitForTimeout(100);
  }
  assert.fail(`expected ${description}; the current line reads ${JSON.stringify(line)}`);
}

/** A mocha afterEach hook: the page as each test left it, in `resultsDir`, named after the test. */
export function screenshotEachTest(currentPage, resultsDir) {
  return async function () {
    const page = currentPage();
    if (!page) return;
    const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
    const file = path.join(resultsDir, `${name}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    console.log(`      screenshot: ${file}`);
  };
}
