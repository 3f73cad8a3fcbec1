// UI test of the shipped artefact: `npm run package` builds secretome-writer.vsix, code-server installs it like a user
// would, and headless Chromium drives the real workbench with keystrokes and the mouse. It proves that VS Code's own
// filtering and sorting keep the server's ranking, and that accepting a suggestion writes what the server chose.
//
// Run: npm run test:ui   (mocha with the counting reporter; ends with `ui: N passed, N failed`)
// Screenshots: test-results/ui-*.png (their paths are printed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
import { askServerForCompletions } from './serverOrder.mjs';

const vsixPath = path.join(projectRoot, 'secretome-writer.vsix');
const resultsDir = path.join(projectRoot, 'test-results');
const fixturesDir = path.join(projectRoot, 'test', 'fixtures', 'editor');
/** Every wait in the workbench polls up to this long; a cold extension host starts in a few seconds. */
const uiTimeoutMs = 30_000;
const modifier = 'Control';

describe('the packaged extension in VS Code (code-server + Chromium)', function () {
  // Each test polls with its own deadlines; this only stops a hung step from holding CI.
  this.timeout(2 * 60_000);
  let sandbox;
  let server;
  let browser;
  let page;

  before(async function () {
    this.timeout(10 * 60_000); // packaging, and a first-run code-server install
    const packaged = spawnSync('npm', ['run', 'package'], { cwd: projectRoot, encoding: 'utf8' });
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}${packaged.stderr}`);
    assert.ok(existsSync(vsixPath), `${vsixPath} was not written`);

    sandbox = createSandbox('ui');
    // Typing happens in a copy: the fixtures in the repository are never touched.
    const workspace = path.join(sandbox.root, 'manuscripts');
    cpSync(fixturesDir, workspace, { recursive: true });
    writeFileSync(path.join(workspace, 'ranking.md'), '');
    // No wrapping: one rendered line per document line, so the test can read back what it typed.
    writeUserSettings(sandbox, {
      'workbench.editor.enablePreview': false,
      'editor.hover.delay': 100,
      'editor.wordWrap': 'off',
      '[markdown]': { 'editor.wordWrap': 'off' },
    });
    const installed = installExtension(sandbox, vsixPath);
    console.log(`      ${installed.split('\n').pop()}`);

    server = await startCodeServer(sandbox);
    browser = await launchChromium(sandbox);
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(resultsDir, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    sandbox?.remove();
  });

  afterEach(async function () {
    if (!page) return;
    const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
    const file = path.join(resultsDir, `ui-${name}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    console.log(`      screenshot: ${file}`);
  });

  it('shows the installed extension in the status bar once a manuscript is open', async () => {
    await openFile('citations.md');
    // The status item starts as "Secretome" with a spinner and stays in the status bar once the server runs.
    await page.locator('.statusbar-item', { hasText: 'Secretome' }).first().waitFor({ timeout: uiTimeoutMs });
  });

  it('suggests reference 45 first for "[Caseiro" and Enter writes "[45"', async () => {
    await openFile('citations.md');
    await page.keyboard.press(`${modifier}+End`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Cord and pulp stromal cells secrete distinct metabolomic profiles [Caseiro', { delay: 15 });
    await page.keyboard.press('Escape'); // close any suggestion opened while typing, then ask explicitly
    await page.keyboard.press(`${modifier}+Space`);

    const firstRow = page.locator('.suggest-widget .monaco-list-row[data-index="0"]');
    await firstRow.waitFor({ state: 'visible', timeout: uiTimeoutMs });
    const firstLabel = (await firstRow.locator('.label-name').first().innerText()).trim();
    const rowCount = await page.locator('.suggest-widget .monaco-list-row').count();
    const shot = path.join(resultsDir, 'ui-suggestions-open.png');
    await page.screenshot({ path: shot });
    console.log(`      first suggestion: ${JSON.stringify(firstLabel)} (${rowCount} rows shown); screenshot: ${shot}`);
    assert.ok(firstLabel.startsWith('45'), `first suggestion is ${JSON.stringify(firstLabel)}`);

    await page.keyboard.press('Enter');
    await expectCurrentLine((line) => line.includes('profiles [45') && !line.includes('[Caseiro'), 'a line with "[45"');
  });

  it("shows a sentence's ranked references in the server's order, not VS Code's", async () => {
    // The server ranks by the sentence being written (here 33, 34, 35, 7, 32…); VS Code re-sorts by filterText and
    // sortText, so this fails if the items' filter or sort texts stop carrying the server's ranking.
    await openFile('ranking.md');
    const sentence = 'Exosomes, microvesicles and apoptotic bodies transport proteins, lipids and nucleic acids between cells [';
    await page.keyboard.type(sentence, { delay: 10 });
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${modifier}+Space`);
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.nth(4).waitFor({ state: 'visible', timeout: uiTimeoutMs });
    const shown = [];
    for (let index = 0; index < 5; index++) {
      const row = page.locator(`.suggest-widget .monaco-list-row[data-index="${index}"] .label-name`).first();
      shown.push((await row.innerText()).trim());
    }
    await page.screenshot({ path: path.join(resultsDir, 'ui-ranked-suggestions.png') });

    // The same document, asked of the language server directly over LSP (as another editor would).
    const line = await expectCurrentLine((text) => text.startsWith(sentence), 'the typed sentence');
    const items = await askServerForCompletions(path.join(projectRoot, 'dist', 'server.js'), line, {
      line: 0,
      character: sentence.length,
    });
    const key = (item) => item.sortText ?? item.label;
    const ranked = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((item) => item.label);
    console.log(`      widget: ${shown.join(', ')}; server: ${ranked.slice(0, 5).join(', ')}`);
    assert.deepEqual(shown, ranked.slice(0, 5));
    const numeric = [...shown].sort((a, b) => Number(a) - Number(b));
    assert.notDeepEqual(shown, numeric, 'the ranking happens to be numeric order, which proves nothing');
  });

  it('shows "transforming growth factor" and its references when hovering TGFβ', async () => {
    await openFile('factors.md');
    const word = page.locator('.monaco-editor .view-line span', { hasText: 'TGFβ' }).first();
    await word.waitFor({ timeout: uiTimeoutMs });
    // Markdown hover parts (ours) render in .hover-row-contents; diagnostic messages on the same word render apart.
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-row-contents', { hasText: /transforming growth factor/i });
    const deadline = Date.now() + uiTimeoutMs;
    let text = '';
    // Move onto the word (again) until the hover has our content: the first request may wait for the server.
    while (!/transforming growth factor/i.test(text) && Date.now() < deadline) {
      const box = await word.boundingBox();
      assert.ok(box, 'TGFβ is not laid out in the editor');
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2, { steps: 3 });
      text = await hover
        .first()
        .innerText({ timeout: 2000 })
        .catch(() => '');
    }
    console.log(`      hover: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 160))}…`);
    assert.match(text, /transforming growth factor/i);
    // Its references: the review cites TGF-β's role in the niche with [30-31].
    assert.match(text, /\b30\b/, text);
  });

  /** Opens a workspace file with Quick Open, typed like a user does. */
  async function openFile(name) {
    await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press(`${modifier}+P`);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: uiTimeoutMs });
    await page.keyboard.type(name, { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: uiTimeoutMs });
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: uiTimeoutMs });
    await page.locator('.monaco-editor textarea, .monaco-editor .native-edit-context').first().focus();
  }

  /** Polls the editor's current line (as rendered) until `accept` holds. */
  async function expectCurrentLine(accept, description) {
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
});
