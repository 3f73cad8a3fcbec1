/**
 * A manuscript of several files over the protocol: the server finds the project (Manubot chapters, a LaTeX root and
 * its \inputs), reads the files that are not open from disk, and checks a chapter with the others in force.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';

const fixtures = path.join(__dirname, '../fixtures/projects');

function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyFolder(path.join(from, entry.name), path.join(to, entry.name));
    else fs.copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

const unknownCitations = (diagnostics: Diagnostic[], text: string) =>
  diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-citation').map((diagnostic) => sliceOf(text, diagnostic));

function sliceOf(text: string, diagnostic: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = diagnostic.range;
  return start.line === end.line ? lines[start.line].slice(start.character, end.character) : `${lines[start.line].slice(start.character)}…`;
}

describe('protocol: a manuscript of several files', function () {
  let client: LspClient;
  let folder: string;
  const uriOf = (relative: string) => pathToFileURL(path.join(folder, relative)).href;
  const textOf = (relative: string) => fs.readFileSync(path.join(folder, relative), 'utf8');

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-project-'));
    copyFolder(fixtures, folder);
    client = await startClient({}, folder);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("Manubot: [n] in chapter 1 is entry n of the back matter's list, read from disk", async () => {
    const chapter = 'manubot/content/01.introduction.md';
    const text = `${textOf(chapter)}A third entry is cited here [3].\n`;
    await client.open(uriOf(chapter), 'markdown', text);
    // [1] is the back matter's first entry, [3] is beyond its two entries (the review has a 3, the project does not).
    assert.deepStrictEqual(unknownCitations(await client.diagnostics(uriOf(chapter)), text), ['3']);
    const line = text.split('\n').findIndex((candidate) => candidate.includes('[1]'));
    const hover = await client.hover(uriOf(chapter), { line, character: text.split('\n')[line].indexOf('[1]') + 1 });
    const shown = (hover!.contents as { value: string }).value;
    assert.match(shown, /Vesicles one/);
    assert.doesNotMatch(shown, /From the review/);
    await client.close(uriOf(chapter));
  });

  it('an edit in the back matter republishes the diagnostics of an open chapter', async () => {
    const chapter = 'manubot/content/02.results.md';
    const backMatter = 'manubot/content/90.back-matter.md';
    const chapterText = `${textOf(chapter)}And a third [3].\n`;
    await client.open(uriOf(chapter), 'markdown', chapterText);
    await client.open(uriOf(backMatter), 'markdown', textOf(backMatter));
    assert.deepStrictEqual(unknownCitations(await client.diagnostics(uriOf(chapter)), chapterText), ['3']);
    await client.diagnostics(uriOf(backMatter));
    const republished = client.nextDiagnostics(uriOf(chapter));
    await client.change(uriOf(backMatter), 2, `${textOf(backMatter)}3. Example C. Vesicles three. Test J. 2022;3:3.\n`);
    assert.deepStrictEqual(unknownCitations(await republished, chapterText), []);
    await client.close(uriOf(backMatter));
    await client.close(uriOf(chapter));
  });

  it('LaTeX: a missing \\include is one warning at its name in the root, a cycle one at the \\input that closes it', async () => {
    const root = 'latex-broken/main.tex';
    const text = textOf(root);
    await client.open(uriOf(root), 'latex', text);
    const missing = (await client.diagnostics(uriOf(root))).filter((diagnostic) => diagnostic.code === 'missing-file');
    assert.deepStrictEqual(
      missing.map((diagnostic) => [sliceOf(text, diagnostic), diagnostic.severity, diagnostic.message]),
      [['missing-chapter', 2, '\\include{missing-chapter}: missing-chapter.tex does not exist']],
    );
    // b.tex is not open: its problem is published on it all the same, at `a` in `\input{a}`.
    const cycle = await waitFor(() => client.published().get(uriOf('latex-broken/b.tex')));
    assert.deepStrictEqual(
      cycle.map((diagnostic) => [diagnostic.code, sliceOf(textOf('latex-broken/b.tex'), diagnostic), diagnostic.message]),
      [['include-cycle', 'a', '\\input{a} closes a cycle of included files (a.tex → b.tex → a.tex); it is not read again']],
    );
    assert.strictEqual(client.process.exitCode, null);
  });

  it("LaTeX: a key the root's \\bibitem list defines is known in a chapter; the root is read from disk, and re-read when it changes", async () => {
    const root = path.join(folder, 'latex/main.tex');
    const original = textOf('latex/main.tex');
    const withList = (items: string) => original.replace('\\bibliography{refs}', `\\begin{thebibliography}{9}\n${items}\\end{thebibliography}`);
    fs.writeFileSync(root, withList('\\bibitem{own2020} Example A. Vesicles one. Test J. 2020;1:1.\n'));
    const chapter = 'latex/chapters/introduction.tex';
    const text = `${textOf(chapter)}And \\cite{own2020} and \\cite{later2021}.\n`;
    await client.open(uriOf(chapter), 'latex', text);
    const diagnostics = await client.diagnostics(uriOf(chapter));
    assert.deepStrictEqual(unknownCitations(diagnostics, text), ['example2020', 'later2021']);
    assert.deepStrictEqual(diagnostics.filter((diagnostic) => ['missing-file', 'include-cycle'].includes(String(diagnostic.code))), []);
    // The writer adds the entry to the root (not open); the file watcher tells the server.
    fs.writeFileSync(root, withList('\\bibitem{own2020} Example A. Vesicles one. Test J. 2020;1:1.\n\\bibitem{later2021} Example B. Vesicles two. Test J. 2021;2:2.\n'));
    const next = client.nextDiagnostics(uriOf(chapter));
    await client.filesChanged([pathToFileURL(root).href]);
    assert.deepStrictEqual(unknownCitations(await next, text), ['example2020']);
  });
});

async function waitFor<T>(find: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not published in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('protocol: unused entries of a bibliography, across the project', function () {
  let folder: string;
  const clients: LspClient[] = [];
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-unused-'));
    copyFolder(path.join(fixtures, 'manubot'), folder);
  });
  after(async () => {
    for (const client of clients) await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function openChapter(settings: Record<string, unknown>): Promise<{ client: LspClient; bib: string }> {
    const client = await startClient(settings, folder);
    clients.push(client);
    const chapter = path.join(folder, 'content/02.results.md');
    await client.open(pathToFileURL(chapter).href, 'markdown', fs.readFileSync(chapter, 'utf8'));
    await client.diagnostics(pathToFileURL(chapter).href);
    return { client, bib: pathToFileURL(path.join(folder, 'content/refs.bib')).href };
  }

  it('turned on: the entry no chapter cites is information in refs.bib; the one chapter 1 cites is not', async () => {
    const { client, bib } = await openChapter({ lint: { severity: { 'unused-entry': 'information' } } });
    // The file is first published when it is loaded, then again once the chapter's project has been checked.
    const unused = await waitFor(() => {
      const found = client.published().get(bib)?.filter((diagnostic) => diagnostic.code === 'unused-entry');
      return found?.length ? found : undefined;
    });
    const text = fs.readFileSync(path.join(folder, 'content/refs.bib'), 'utf8').split('\n');
    assert.deepStrictEqual(
      unused.map((diagnostic) => [text[diagnostic.range.start.line], diagnostic.severity, diagnostic.message]),
      [['@article{unusedexample2021,', 3, 'unusedexample2021 is cited nowhere in content/ (3 chapters)']],
    );
  });

  it('off by default: refs.bib shows no unused entry', async () => {
    const { client, bib } = await openChapter({});
    const published = await waitFor(() => client.published().get(bib));
    assert.deepStrictEqual(published.filter((diagnostic) => diagnostic.code === 'unused-entry'), []);
  });
});

describe('the workspace check and the command line read each file with its project', function () {
  let folder: string;
  let client: LspClient | undefined;
  const chapter = 'content/03.more.md';
  const chapterText = 'A third chapter cites a third entry [3].\n';
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-project-check-'));
    copyFolder(path.join(fixtures, 'manubot'), folder);
    copyFolder(path.join(fixtures, 'latex-broken'), path.join(folder, 'thesis'));
    fs.writeFileSync(path.join(folder, chapter), chapterText);
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("the workspace check: [3] in a chapter nobody opened is beyond the back matter's two entries", async () => {
    client = await startClient({}, folder);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'secretome.server.checkWorkspace', arguments: [] });
    const published = client.published();
    assert.deepStrictEqual(unknownCitations(published.get(pathToFileURL(path.join(folder, chapter)).href) ?? [], chapterText), ['3']);
    assert.deepStrictEqual(unknownCitations(published.get(pathToFileURL(path.join(folder, 'content/02.results.md')).href) ?? [], ''), []);
    const root = published.get(pathToFileURL(path.join(folder, 'thesis/main.tex')).href) ?? [];
    assert.deepStrictEqual(root.filter((diagnostic) => diagnostic.code === 'missing-file').length, 1);
  });

  it('secretome-lint: the same, and the project problems as notes', () => {
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    const markdown = spawnSync(process.execPath, [cli, chapter], { cwd: folder, encoding: 'utf8' });
    assert.match(markdown.stdout, /^content\/03\.more\.md:1:38 error unknown-citation /m);
    const latex = spawnSync(process.execPath, [cli, 'thesis/main.tex'], { cwd: folder, encoding: 'utf8' });
    assert.deepStrictEqual(
      latex.stderr.split('\n').filter((line) => line.includes('note: thesis/')),
      [
        'secretome-lint: note: thesis/b.tex:2:8: \\input{a} closes a cycle of included files (a.tex → b.tex → a.tex); it is not read again',
        'secretome-lint: note: thesis/main.tex:4:10: \\include{missing-chapter}: missing-chapter.tex does not exist',
      ],
    );
  });
});

describe('protocol: secretome.manuscript names the project when a workspace holds two', function () {
  let folder: string;
  const clients: LspClient[] = [];
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-setting-'));
    copyFolder(path.join(fixtures, 'latex'), folder);
    // A second root that takes in the same chapter and defines its own entry.
    fs.writeFileSync(
      path.join(folder, 'poster.tex'),
      '\\documentclass{article}\n\\begin{document}\n\\input{chapters/introduction}\n\\begin{thebibliography}{9}\n\\bibitem{poster2024} Example P. A poster. Test J. 2024;1:1.\n\\end{thebibliography}\n\\end{document}\n',
    );
  });
  after(async () => {
    for (const client of clients) await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  for (const [setting, unknown] of [
    ['', ['poster2024']],
    ['poster.tex', ['example2020']],
  ] as const) {
    it(`${setting ? `"${setting}"` : 'unset'}: the chapter reads ${setting ? "the poster's list" : "main.tex's bibliography"}`, async () => {
      const client = await startClient(setting ? { manuscript: setting } : {}, folder);
      clients.push(client);
      const chapter = path.join(folder, 'chapters/introduction.tex');
      const text = `${fs.readFileSync(chapter, 'utf8')}See \\cite{poster2024}.\n`;
      await client.open(pathToFileURL(chapter).href, 'latex', text);
      assert.deepStrictEqual(unknownCitations(await client.diagnostics(pathToFileURL(chapter).href), text), [...unknown]);
    });
  }
});
