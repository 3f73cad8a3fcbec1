/** The writer's own bibliography, over the protocol: keys it defines are known, and edits to it are picked up. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';

const unknownKeys = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((diagnostic) => diagnostic.code === 'unknown-citation')
    .map((diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value));

describe('protocol: bibliographies the manuscript names', function () {
  let client: LspClient;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-bib-'));
    client = await startClient();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('knows the keys of \\bibliography{refs}, flags the others, and rereads the file when it changes', async () => {
    const bib = path.join(folder, 'refs.bib');
    fs.writeFileSync(bib, '@article{smith2020,\n  title = {Conditioned medium in burns},\n  author = {Smith, Ann},\n  year = {2020}\n}\n');
    const manuscript = path.join(folder, 'paper.tex');
    const uri = pathToFileURL(manuscript).href;
    const text = [
      '\\documentclass{article}',
      '\\begin{document}',
      'Our earlier work \\cite{smith2020} and the review \\cite{caseiro2019} agree, unlike \\cite{jones2021}.',
      '\\bibliography{refs}',
      '\\end{document}',
    ].join('\n');
    await client.open(uri, 'latex', text);
    const first = unknownKeys(await client.diagnostics(uri));
    assert.strictEqual(first.length, 1, first.join('\n'));
    assert.match(first[0], /jones2021/);
    const hover = await client.hover(uri, { line: 2, character: text.split('\n')[2].indexOf('smith2020') + 2 });
    const hoverText = (hover!.contents as { value: string }).value.replace(/\\(.)/g, '$1');
    assert.match(hoverText, /`smith2020`\*\* Smith A \(2020\) Conditioned medium in burns\./);
    assert.match(hoverText, /Defined in .*refs\.bib, line 1\./);

    const completionLine = 'More in \\cite{burn';
    await client.change(uri, 2, `${text}\n${completionLine}`);
    const items = await client.completion(uri, { line: 5, character: completionLine.length });
    assert.strictEqual(items[0]?.label, 'smith2020', `offered ${items.map((item) => item.label).slice(0, 5)}`);
    assert.match(String((items[0].documentation as { value: string }).value), /refs\.bib, line 1/);
    await client.change(uri, 3, text);

    // The writer adds the missing entry; the editor's file watcher tells the server.
    fs.appendFileSync(bib, '@book{jones2021,\n  title = {Stem cell niches},\n  year = {2021}\n}\n');
    await client.diagnostics(uri, 3);
    const next = client.nextDiagnostics(uri);
    await client.filesChanged([pathToFileURL(bib).href]);
    assert.deepStrictEqual(unknownKeys(await next), []);
  });

  it('never reads a bibliography outside the folder: one warning on the command, nothing in completion', async () => {
    const uri = pathToFileURL(path.join(folder, 'escape.tex')).href;
    const lines = ['See \\cite{root}.', '\\addbibresource{../../../../etc/passwd}', '\\addbibresource{/proc/self/fd/0}', 'More \\cite{'];
    await client.open(uri, 'latex', lines.join('\n'));
    const warnings = (await client.diagnostics(uri)).filter((diagnostic) => diagnostic.code === 'unread-bibliography');
    assert.deepStrictEqual(
      warnings.map((warning) => [warning.range.start.line, warning.range.start.character, warning.range.end.character, warning.severity]),
      [[1, 16, 38, 2], [2, 16, 31, 2]],
    );
    assert.match(String(warnings[0].message), /^Bibliography not read: \/etc\/passwd is outside the workspace folders; Secretome Writer reads only files inside them/);
    const items = await client.completion(uri, { line: 3, character: lines[3].length });
    assert.ok(items.length > 0, 'the server still answers');
    const fromFiles = items.filter((item) => !/From the review, reference \d+/.test(String((item.documentation as { value: string }).value)));
    assert.deepStrictEqual(fromFiles.map((item) => item.label), [], 'nothing of /etc/passwd is offered');
    assert.strictEqual(client.process.exitCode, null);
  });

  it('a bibliography that is a FIFO is refused at once: diagnostics, completion and hover still answer', async () => {
    execFileSync('mkfifo', [path.join(folder, 'pipe.bib')]);
    const uri = pathToFileURL(path.join(folder, 'piped.md')).href;
    const text = '---\nbibliography: pipe.bib\n---\n\nSee [@caseiro2019] and [@';
    await client.open(uri, 'markdown', text);
    const diagnostics = await client.diagnostics(uri);
    assert.match(String(diagnostics.find((diagnostic) => diagnostic.code === 'unread-bibliography')?.message), /pipe\.bib is not a regular file/);
    assert.ok((await client.completion(uri, { line: 4, character: text.split('\n')[4].length })).length > 0);
    assert.ok(await client.hover(uri, { line: 4, character: 8 }));
  });

  it('a bibliography that is missing leaves the server working and its keys unknown', async () => {
    const uri = pathToFileURL(path.join(folder, 'draft.md')).href;
    await client.open(uri, 'markdown', '---\nbibliography: missing.bib\n---\n\nSee [@smith2020] and [@caseiro2019].\n');
    const messages = unknownKeys(await client.diagnostics(uri));
    assert.strictEqual(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], /smith2020/);
    assert.strictEqual(client.process.exitCode, null);
  });
});

describe('protocol: the secretome.bibliographies setting', function () {
  let client: LspClient | undefined;
  let base: string;

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-setting-'));
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('reads a library the user named outside the workspace, and globs inside it, but nothing else outside', async () => {
    const workspace = path.join(base, 'workspace');
    const library = path.join(base, 'library');
    fs.mkdirSync(path.join(workspace, 'refs'), { recursive: true });
    fs.mkdirSync(library);
    fs.writeFileSync(path.join(library, 'mine.json'), JSON.stringify([{ id: 'lee2022', title: 'Vesicles in the clinic', author: [{ family: 'Lee', given: 'Min' }], issued: { 'date-parts': [[2022]] } }]));
    fs.writeFileSync(path.join(library, 'other.bib'), '@article{other2020, title={Not named}}\n');
    fs.writeFileSync(path.join(workspace, 'refs', 'group.bib'), '@article{group2021, title={Group paper}, year={2021}}\n');
    client = await startClient({ bibliographies: [path.join(library, 'mine.json'), 'refs/*.bib'] }, workspace);
    const uri = pathToFileURL(path.join(workspace, 'draft.md')).href;
    await client.open(uri, 'markdown', '---\nbibliography: ../library/other.bib\n---\n\nSee [@lee2022], [@group2021] and [@other2020].\n');
    const diagnostics = await client.diagnostics(uri);
    assert.deepStrictEqual(unknownKeys(diagnostics).map((message) => /“(\w+)”/.exec(message)?.[1]), ['other2020']);
    const warning = diagnostics.find((diagnostic) => diagnostic.code === 'unread-bibliography');
    assert.match(String(warning?.message), /other\.bib is outside the workspace folders/);
    assert.deepStrictEqual(warning?.range.start, { line: 1, character: 14 });
    const hover = await client.hover(uri, { line: 4, character: 8 });
    assert.match((hover!.contents as { value: string }).value.replace(/\\(.)/g, '$1'), /Lee M \(2022\) Vesicles in the clinic\./);
  });
});
