// UI test of the shipped artefact: `npm run package` builds secretome-writer.vsix, code-server installs it like a user
// would, and headless Chromium drives the real workbench with keystrokes and the mouse. It proves that VS Code's own
// filtering and sorting keep the server's ranking, and that accepting a suggestion writes what the server chose.
//
// Run: npm run test:ui   (mocha with the counting reporter; ends with `ui: N passed, N failed`)
// Suggestions are never asked for with Ctrl+Space: the tests type key by key (test/ui/typing.mjs), as a person does,
// and read the suggest widget after every key.
// Screenshots: test-results/ui/*.png, one per test and one per typing step (their paths are printed).
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
import { stepScreenshot, suggestRows, typeLikeAPerson, waitForRows } from './typing.mjs';
import { expectCurrentLine, modifier, openFile, screenshotEachTest, serverReady, uiTimeoutMs } from './workbenchPage.mjs';

const vsixPath = path.join(projectRoot, 'secretome-writer.vsix');
const resultsDir = path.join(projectRoot, 'test-results', 'ui');
const fixturesDir = path.join(projectRoot, 'test', 'fixtures', 'editor');
/** Every wait in the workbench polls up to this long; a cold extension host starts in a few seconds. */
/** Empty manuscripts the typing tests write in, one per language the extension serves. */
const typingFiles = ['typing.md', 'typing.tex', 'typing.txt'];

/** The review's wound-healing references are 11-18. */
function isWoundReference(label) {
  const number = Number(label);
  return number >= 11 && number <= 18;
}

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
    for (const name of typingFiles) writeFileSync(path.join(workspace, name), '');
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
    // Typing tests read the widget within a key or two, so the server must be up before any of them (in any order).
    await openFile(page, 'citations.md');
    await serverReady(page).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    sandbox?.remove();
  });

  afterEach(screenshotEachTest(() => page, resultsDir));

  it('shows the installed extension in the status bar once a manuscript is open', async () => {
    await openFile(page, 'citations.md');
    // The status item starts as "Secretome" with a spinner and stays in the status bar once the server runs.
    await page.locator('.statusbar-item', { hasText: 'Secretome' }).first().waitFor({ timeout: uiTimeoutMs });
    await serverReady(page).waitFor({ timeout: uiTimeoutMs });
  });

  for (const file of typingFiles) {
    it(`typing "[Caseiro" in ${file} shows the list from "[C" on, 45 first from "[Cas" on, and Enter writes "[45"`, async () => {
      await openFile(page, file);
      await startNewParagraph();
      const sentence = 'Cord and pulp stromal cells secrete distinct metabolomic profiles ';
      await typeLikeAPerson(page, sentence);
      const prefix = file.replace('.', '-');
      let step = 0;
      const seen = [];
      await typeLikeAPerson(page, '[Caseiro', async (typed) => {
        const leads45 = typed.length >= '[Cas'.length;
        const { rows, ok } = await waitForRows(page, (shown) => shown.length > 0 && (!leads45 || shown[0].label === '45'));
        const shot = stepScreenshot(resultsDir, prefix, ++step, typed);
        await page.screenshot({ path: shot });
        seen.push(`${typed}: ${rows.slice(0, 4).map((row) => row.label).join(' ') || '(no list)'}`);
        assert.ok(
          ok,
          `after typing ${JSON.stringify(typed)} the suggest widget ${rows.length === 0 ? 'is closed' : `shows ${rows.map((row) => row.label).slice(0, 5).join(', ')} first`}` +
            `${leads45 ? ' (45 should lead)' : ''}; screenshot ${shot}\n      ${seen.join('\n      ')}`,
        );
      });
      console.log(`      ${seen.join(' | ')}`);
      await page.keyboard.press('Enter');
      const line = await expectCurrentLine(
        page,
        (text) => text.includes('profiles [45') && !text.includes('Caseiro'),
        'the sentence ending in "[45"',
      );
      console.log(`      line: ${JSON.stringify(line)}`);
    });
  }

  it('a sentence about skin wounds, then "[", puts a wound-healing reference (11-18) first', async () => {
    await openFile(page, 'typing.md');
    await startNewParagraph();
    await typeLikeAPerson(page, 'Secretome gels helped heal chronic skin wounds such as diabetic ulcers [');
    const { rows, ok } = await waitForRows(page, (shown) => shown.length > 4 && isWoundReference(shown[0].label));
    const shot = path.join(resultsDir, 'md-wound-sentence.png');
    await page.screenshot({ path: shot });
    console.log(`      first rows: ${rows.slice(0, 5).map((row) => row.label).join(', ')}; screenshot: ${shot}`);
    assert.ok(ok, `the widget shows ${JSON.stringify(rows.slice(0, 5).map((row) => row.label))}`);
    await page.keyboard.press('Enter');
    await expectCurrentLine(page, (text) => new RegExp(`ulcers \\[${rows[0].label}`).test(text), `"[${rows[0].label}" written`);
  });

  it('typing "\\cite{cas" in LaTeX offers caseiro2019 first, and Enter writes it', async () => {
    await openFile(page, 'typing.tex');
    await startNewParagraph();
    await typeLikeAPerson(page, 'Profiles differ between sources ');
    let step = 0;
    await typeLikeAPerson(page, '\\cite{cas', async (typed) => {
      if (!typed.includes('{')) return;
      const leads = typed.endsWith('cas');
      const { rows, ok } = await waitForRows(page, (shown) => shown.length > 0 && (!leads || shown[0].label === 'caseiro2019'));
      const shot = stepScreenshot(resultsDir, 'tex-cite', ++step, typed);
      await page.screenshot({ path: shot });
      assert.ok(ok, `after ${JSON.stringify(typed)} the widget shows ${JSON.stringify(rows.slice(0, 5).map((row) => row.label))}`);
    });
    await page.keyboard.press('Enter');
    await expectCurrentLine(page, (text) => text.includes('sources \\cite{caseiro2019') && !text.includes('{cas}'), 'the key written');
  });

  it('typing "tgf" in Markdown prose offers TGF-β, and Enter writes it', async () => {
    await openFile(page, 'typing.md');
    await startNewParagraph();
    await typeLikeAPerson(page, 'Signalling through ');
    await typeLikeAPerson(page, 'tgf');
    const { rows, ok } = await waitForRows(page, (shown) => shown[0]?.label === 'TGF-β');
    const shot = path.join(resultsDir, 'md-term-tgf.png');
    await page.screenshot({ path: shot });
    console.log(`      rows: ${rows.map((row) => row.label).join(', ')}; screenshot: ${shot}`);
    assert.ok(ok, `the widget shows ${JSON.stringify(rows.map((row) => row.label))}`);
    await page.keyboard.press('Enter');
    await expectCurrentLine(page, (text) => text.includes('Signalling through TGF-β') && !text.includes('tgf'), '"TGF-β" written');
  });

  it('ordinary Markdown prose opens no suggestion list (no word or snippet suggestions)', async () => {
    await openFile(page, 'typing.md');
    await startNewParagraph();
    const opened = [];
    await typeLikeAPerson(page, 'Cells were imaged and the code is linked in bold', async (typed) => {
      await page.waitForTimeout(60); // let a list that would open, open
      const rows = await suggestRows(page);
      if (rows.length > 0) opened.push(`${JSON.stringify(typed.split(' ').pop())} → ${rows.map((row) => row.label).join(', ')}`);
    });
    await page.screenshot({ path: path.join(resultsDir, 'md-plain-prose.png') });
    assert.deepEqual(opened, [], `lists opened while typing prose:\n${opened.join('\n')}`);
  });

  it("shows a sentence's ranked references in the server's order, not VS Code's", async () => {
    // The server ranks by the sentence being written (here 33, 34, 35, 7, 32…); VS Code re-sorts by filterText and
    // sortText, so this fails if the items' filter or sort texts stop carrying the server's ranking.
    await openFile(page, 'ranking.md');
    const sentence = 'Exosomes, microvesicles and apoptotic bodies transport proteins, lipids and nucleic acids between cells [';
    // The `[` trigger character opens the list, as it does for a person typing.
    await page.keyboard.type(sentence, { delay: 10 });
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.nth(4).waitFor({ state: 'visible', timeout: uiTimeoutMs });
    const shown = [];
    for (let index = 0; index < 5; index++) {
      const row = page.locator(`.suggest-widget .monaco-list-row[data-index="${index}"] .label-name`).first();
      shown.push((await row.innerText()).trim());
    }
    await page.screenshot({ path: path.join(resultsDir, 'ranked-suggestions.png') });

    // The same document, asked of the language server directly over LSP (as another editor would).
    const line = await expectCurrentLine(page, (text) => text.startsWith(sentence), 'the typed sentence');
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
    await openFile(page, 'factors.md');
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

  /** Moves to the end of the open document and starts a new paragraph there (a blank line first unless empty). */
  async function startNewParagraph() {
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${modifier}+End`);
    const line = await expectCurrentLine(page, () => true, 'any line');
    if (line.trim() !== '') {
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
    }
  }
});
