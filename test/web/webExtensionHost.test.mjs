// The browser build in VS Code for the Web, in a real browser: code-server serves the workbench to headless Chromium,
// the packaged .vsix is installed, and `remote.extensionKind` sends Secretome Writer to the web worker extension host,
// so package.json's `browser` entry runs (client and server in one worker) and the Node build (`main`) does not.
// The tests drive the workbench with keystrokes and the mouse (`[Caseiro` → 45, a TGF-β hover, a squiggle on an
// uncited claim), then prove where the extension ran: the Running Extensions view says "web worker", and no
// dist/server.js process exists; and that its server logged no error meanwhile (a check that throws is only logged).
//
// Run: npm run test:web   (mocha with the counting reporter; ends with `web: N passed, N failed`)
// Screenshots: test-results/web/*.png (their paths are printed). A failed test also leaves test-results/web/<test>.log:
// the extension's output channel, the web worker extension host's log and the page's console (failureLogs.mjs).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createSandbox,
  installExtension,
  launchChromium,
  projectRoot,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from '../../scripts/codeServer.mjs';
import { stepScreenshot, typeLikeAPerson, waitForRows } from '../ui/typing.mjs';
import { expectCurrentLine, modifier, openFile as openFileInWorkbench, screenshotEachTest, serverReady, uiTimeoutMs } from '../ui/workbenchPage.mjs';
import { logsOnFailure, recordConsole, workbenchLogs, writeFailureLog } from './failureLogs.mjs';

const vsixPath = path.join(projectRoot, 'secretome-writer.vsix');
const resultsDir = path.join(projectRoot, 'test-results', 'web');
const fixturesDir = path.join(projectRoot, 'test', 'fixtures', 'editor');
const extensionId = 'secretome-writer.secretome-writer';
/** Every wait in the workbench polls up to this long. */
/** The web worker extension host starts after the workbench and the Node one; a cold start takes a while. */
const startTimeoutMs = 120_000;

describe('the browser build in VS Code for the Web (code-server + Chromium, web worker extension host)', function () {
  this.timeout(3 * 60_000);
  let sandbox;
  let server;
  let browser;
  let page;
  const extensionErrors = [];
  /** The page's console from the start, for the logs of a failure. */
  const consoleLines = [];

  before(async function () {
    this.timeout(10 * 60_000); // packaging, and a first-run code-server install
    const packaged = spawnSync('npm', ['run', 'package'], { cwd: projectRoot, encoding: 'utf8' });
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}${packaged.stderr}`);
    assert.ok(existsSync(vsixPath), `${vsixPath} was not written`);

    sandbox = createSandbox('web');
    // Typing happens in a copy: the fixtures in the repository are never touched.
    const workspace = path.join(sandbox.root, 'manuscripts');
    cpSync(fixturesDir, workspace, { recursive: true });
    writeFileSync(path.join(workspace, 'typing.md'), '');
    // A chapter with its own bibliography (BibLaTeX's example database): the server reads it through the client.
    cpSync(path.join(projectRoot, 'test', 'fixtures', 'bibliographies', 'biblatex', 'biblatex-examples.bib'), path.join(workspace, 'refs.bib'));
    writeFileSync(path.join(workspace, 'chapter.md'), '---\nbibliography: refs.bib\n---\n\nCatalysis was studied before [@aksin] and [@nosuchkey2020].\n');
    writeUserSettings(sandbox, {
      // The one switch: this extension runs where VS Code for the Web runs it, in the browser's web worker host.
      'remote.extensionKind': { [extensionId]: ['web'] },
      'workbench.editor.enablePreview': false,
      // Views such as Running Extensions open as editors beside the manuscript, not as a dialog over it.
      'workbench.editor.useModal': 'off',
      'editor.hover.delay': 100,
      'editor.wordWrap': 'off',
      '[markdown]': { 'editor.wordWrap': 'off' },
    });
    const installed = installExtension(sandbox, vsixPath);
    console.log(`      ${installed.split('\n').pop()}`);

    server = await startCodeServer(sandbox);
    browser = await launchChromium(sandbox);
    page = browser.pages()[0] ?? (await browser.newPage());
    recordConsole(page, consoleLines);
    // The web worker host's console, with the extension's uncaught errors, reaches the page's console.
    page.on('console', (message) => {
      if (message.type() === 'error' && /secretome/i.test(message.text())) extensionErrors.push(message.text());
    });
    mkdirSync(resultsDir, { recursive: true });
    const started = Date.now();
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    try {
      await openFile('citations.md');
      await serverReady(page).waitFor({ timeout: startTimeoutMs });
    } catch (error) {
      const file = await writeFailureLog(page, consoleLines, resultsDir, 'start');
      if (file) console.log(`      logs of the failed start: ${file}`);
      throw error;
    }
    console.log(`      the server was ready ${((Date.now() - started) / 1000).toFixed(1)} s after the workbench was opened`);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    sandbox?.remove();
  });

  afterEach(screenshotEachTest(() => page, resultsDir));
  afterEach(logsOnFailure(() => page, consoleLines, resultsDir));

  it('typing "[Caseiro" key by key offers 45 first from "[Cas" on, and Enter writes "[45"', async () => {
    await openFile('typing.md');
    await typeLikeAPerson(page, 'Cord and pulp stromal cells secrete distinct metabolomic profiles ');
    let step = 0;
    const seen = [];
    await typeLikeAPerson(page, '[Caseiro', async (typed) => {
      const leads45 = typed.length >= '[Cas'.length;
      const { rows, ok } = await waitForRows(page, (shown) => shown.length > 0 && (!leads45 || shown[0].label === '45'));
      const shot = stepScreenshot(resultsDir, 'md', ++step, typed);
      await page.screenshot({ path: shot });
      seen.push(`${typed}: ${rows.slice(0, 4).map((row) => row.label).join(' ') || '(no list)'}`);
      assert.ok(
        ok,
        `after ${JSON.stringify(typed)} the widget shows ${JSON.stringify(rows.slice(0, 5).map((row) => row.label))}${leads45 ? ' (45 should lead)' : ''}; ${shot}\n      ${seen.join('\n      ')}`,
      );
    });
    console.log(`      ${seen.join(' | ')}`);
    await page.keyboard.press('Enter');
    const line = await expectCurrentLine(page, (text) => text.includes('profiles [45') && !text.includes('Caseiro'), 'the sentence ending in "[45"');
    console.log(`      line: ${JSON.stringify(line)}`);
  });

  it('shows "transforming growth factor" and references 30 and 31 when hovering TGFβ', async () => {
    await openFile('factors.md');
    // The term's own hover ("TGF-β: transforming growth factor beta…"), not a diagnostic on the same word.
    const text = await hoverPart('TGFβ', (part) =>
      /^TGF-β: transforming growth factor/.test(part),
    );
    console.log(`      hover: ${JSON.stringify(text.slice(0, 200))}…`);
    // The review cites TGF-β's role in the niche with [30-31].
    assert.match(text, /\b30\b/);
    assert.match(text, /\b31\b/);
  });

  it('underlines an uncited claim with a warning squiggle (unsupported-claim)', async () => {
    await openFile('claims.md');
    // claims.md: line 3 is the uncited TGF-β claim (a warning); line 5 cites [55], which the review lacks (an error).
    await page.locator('.monaco-editor .view-overlays .squiggly-warning').first().waitFor({ timeout: uiTimeoutMs });
    await page.locator('.monaco-editor .view-overlays .squiggly-error').first().waitFor({ timeout: uiTimeoutMs });
    const text = await hoverPart('quiescence', (part) =>
      // The diagnostic's source and code render as "secretome(unsupported-claim)" (innerText drops the brackets).
      /secretome\(?unsupported-claim/.test(part),
    );
    console.log(`      hover: ${JSON.stringify(text.slice(0, 200))}`);
    assert.match(text, /cites nothing/);
    assert.deepEqual(extensionErrors, [], 'errors from the extension in the browser console');
  });

  it('reads the bibliography the chapter names through the editor: its keys complete, resolve and hover', async () => {
    await openFile('chapter.md');
    // The unknown key is flagged; the known one is not: the file was read.
    await page.locator('.monaco-editor .view-overlays .squiggly-error').first().waitFor({ timeout: uiTimeoutMs });
    const unknown = await hoverPart('nosuchkey2020', (part) =>
      /secretome\(?unknown-citation/.test(part),
    );
    assert.match(unknown, /nosuchkey2020/);
    const known = await hoverPart('aksin', (part) => /Defined in .*refs\.bib/.test(part));
    console.log(`      hover on aksin: ${JSON.stringify(known.slice(0, 200))}`);
    assert.match(known, /Effect of immobilization on catalytic characteristics/);
    assert.doesNotMatch(known, /unknown-citation/);

    await page.keyboard.press('Enter');
    await typeLikeAPerson(page, 'Palladium carbenes [@aks');
    const { rows, ok } = await waitForRows(page, (shown) => shown[0]?.label === 'aksin');
    await page.screenshot({ path: path.join(resultsDir, 'chapter-bibliography-completion.png') });
    assert.ok(ok, `the widget shows ${JSON.stringify(rows.slice(0, 5).map((row) => row.label))}`);
    await page.keyboard.press('Enter');
    await expectCurrentLine(page, (text) => text.includes('carbenes [@aksin') && !text.includes('@aks]'), '"[@aksin" written');
  });

  it('Insert Citation… lists the references for the sentence and writes the one picked', async () => {
    await openFile('typing.md');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Secretome gels healed chronic diabetic ulcers ', { delay: 10 });
    // From the editor, as a user does: focus stays on the sentence.
    await runCommand('Secretome: Insert Citation…', { fromEditor: true });
    // The picker replaces the Command Palette once the server has ranked the references.
    await page.locator('.quick-input-widget input[placeholder^="Cite a reference"]').waitFor({ timeout: uiTimeoutMs });
    const first = page.locator('.quick-input-widget .monaco-list-row[data-index="0"] .label-name').first();
    await first.waitFor({ timeout: uiTimeoutMs });
    const label = (await first.innerText()).trim();
    console.log(`      first entry: ${JSON.stringify(label)}`);
    await page.keyboard.press('Enter');
    // The review's wound-healing references for diabetic ulcers (test/editor/picker.test.ts asks the same).
    const line = await expectCurrentLine(page, (text) => /ulcers \[\d+\]$/.test(text.trimEnd()), 'a citation after "ulcers "');
    console.log(`      line: ${JSON.stringify(line)}`);
    assert.ok(['[17]', '[28]'].some((citation) => line.trimEnd().endsWith(citation)), `inserted ${JSON.stringify(line)}`);
  });

  it('checks every manuscript of the workspace, listed and read through the editor', async () => {
    await runCommand('Secretome: Check All Manuscripts in the Workspace');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Secretome Writer checked' }).first();
    await toast.waitFor({ timeout: uiTimeoutMs });
    const message = (await toast.innerText()).replace(/\s+/g, ' ');
    console.log(`      ${message}`);
    // The fixtures' six manuscripts, typing.md and chapter.md (refs.bib is a bibliography, not a manuscript).
    assert.match(message, /checked 8 manuscripts: \d+ findings?\./);
  });

  it('runs in the web worker extension host, not in the Node one, while it serves the manuscript', async () => {
    await openFile('claims.md');
    await page.locator('.monaco-editor .view-overlays .squiggly-warning').first().waitFor({ timeout: uiTimeoutMs });
    await runCommand('Developer: Show Running Extensions');
    // The manuscript on the left, the view on the right: one screenshot shows both.
    await runCommand('View: Move Editor into Right Group');
    const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
    const ours = rows.filter({ hasText: 'Secretome Writer' }).first();
    await ours.waitFor({ timeout: uiTimeoutMs });
    const where = (await ours.locator('.msg').innerText()).trim();
    // The built-in extensions code-server serves run in its Node host, shown by its address ("127.0.0.1:PORT").
    const markdownWhere = (await rows.filter({ hasText: 'Markdown Language Features' }).first().locator('.msg').innerText()).trim();
    console.log(`      Secretome Writer: ${JSON.stringify(where)}; Markdown Language Features: ${JSON.stringify(markdownWhere)}`);
    assert.equal(where, 'web worker');
    assert.match(markdownWhere, /^127\.0\.0\.1:\d+$/, 'the view tells the two hosts apart');
    // The Node build would start dist/server.js from the installed extension: no such process exists.
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
    assert.deepEqual(processes.filter((line) => line.includes(sandbox.extensionsDir) && line.includes('server.js')), []);
    const shot = path.join(resultsDir, 'web-worker-extension-host.png');
    await page.screenshot({ path: shot });
    console.log(`      screenshot of the manuscript and the Running Extensions view: ${shot}`);
    assert.deepEqual(extensionErrors, [], 'errors from the extension in the browser console');
    // A check that failed is logged, never shown: the output channel must hold no error after all the suite did.
    const [serverLog] = await workbenchLogs(page, /\/Secretome Writer\.log$/);
    assert.ok(serverLog, "the extension's output channel has no log file in the workbench");
    assert.deepEqual(serverLog.text.split('\n').filter((line) => / \[error\] /.test(line)), [], 'errors in the Secretome Writer output channel');
  });

  /** Runs a command from the Command Palette, typed like a user does. */
  async function runCommand(title, { fromEditor = false } = {}) {
    if (!fromEditor) await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press(`${modifier}+Shift+P`);
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: uiTimeoutMs });
    await page.keyboard.type(title, { delay: 10 });
    await page
      .locator('.quick-input-widget .monaco-list-row[data-index="0"]', { hasText: title.split(': ').pop() })
      .waitFor({ timeout: uiTimeoutMs });
    await page.keyboard.press('Enter');
  }
  /** Opens a workspace file with Quick Open, typed like a user does, and puts the cursor at its end. */
  async function openFile(name) {
    await openFileInWorkbench(page, name);
    await page.keyboard.press(`${modifier}+End`);
  }


  /**
   * Moves the mouse onto the first `word` shown in the editor until one part of the hover (a hover provider's answer,
   * or a diagnostic's message) satisfies `accept`; returns that part's text, or fails with the parts shown.
   */
  async function hoverPart(word, accept) {
    const parts = page.locator('.monaco-hover:not(.hidden) .hover-row');
    const deadline = Date.now() + uiTimeoutMs;
    let texts = [];
    // A hover left from an earlier word must not count.
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await parts.first().waitFor({ state: 'hidden', timeout: uiTimeoutMs }).catch(() => undefined);
    // Move onto the word (again) until the hover has the part: the first request may wait for the server.
    while (Date.now() < deadline) {
      const box = await wordBox(word);
      if (box) {
        await page.mouse.move(box.x + 1, box.y + box.height / 2);
        await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2, { steps: 3 });
        await page.waitForTimeout(300);
        texts = (await parts.allInnerTexts().catch(() => [])).map((text) => text.replace(/\s+/g, ' ').trim());
        const found = texts.find(accept);
        if (found) return found;
      } else {
        await page.waitForTimeout(100);
      }
    }
    assert.fail(`no hover part as expected on ${JSON.stringify(word)}; the hover shows ${JSON.stringify(texts)}`);
  }

  /** Where `word` is drawn: the rectangle of its characters in the first rendered line that holds it. */
  function wordBox(word) {
    return page.evaluate((needle) => {
      for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const index = node.textContent.indexOf(needle);
          if (index === -1) continue;
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + needle.length);
          const { x, y, width, height } = range.getBoundingClientRect();
          return { x, y, width, height };
        }
      }
      return undefined;
    }, word);
  }
});
