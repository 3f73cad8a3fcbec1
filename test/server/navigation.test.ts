/**
 * Navigation over the protocol, on a copy of the nav-latex fixture project: definition, references (from a citation
 * and from the .bib entry, the .bib opened as `bibtex` and never linted as prose), prepareRename/rename with
 * versioned edits of the manuscript and the key's entry in refs.bib, the review's read-only views, document links
 * and symbols. The server finds the project (main.tex and its two \input chapters), reading the chapters that are not
 * open from disk.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type DocumentSymbol,
  type Location,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';

const fixture = path.resolve(__dirname, '../fixtures/projects/nav-latex');

describe('protocol: go to definition, references, rename, links and symbols', function () {
  let client: LspClient;
  let folder: string;
  let chapterUri: string;
  let bibUri: string;
  let chapterText: string;
  let bibText: string;
  let methodsUri: string;
  let methodsText: string;

  const at = (text: string, needle: string, shift = 0) => {
    const index = text.indexOf(needle) + shift;
    const before = text.slice(0, index);
    return { line: before.split('\n').length - 1, character: index - (before.lastIndexOf('\n') + 1) };
  };

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-nav-'));
    fs.cpSync(fixture, folder, { recursive: true });
    // Text outside entries (a comment to BibTeX) that prose linting would flag: a .bib must never be linted as prose.
    fs.appendFileSync(path.join(folder, 'refs.bib'), '\nExosomes are a miracle cure for every wound and undeniably cure all patients.\n');
    folder = fs.realpathSync(folder);
    client = await startClient({}, folder);
    chapterUri = pathToFileURL(path.join(folder, 'chapters/introduction.tex')).href;
    bibUri = pathToFileURL(path.join(folder, 'refs.bib')).href;
    chapterText = fs.readFileSync(path.join(folder, 'chapters/introduction.tex'), 'utf8');
    bibText = fs.readFileSync(path.join(folder, 'refs.bib'), 'utf8');
    methodsUri = pathToFileURL(path.join(folder, 'chapters/methods.tex')).href;
    methodsText = fs.readFileSync(path.join(folder, 'chapters/methods.tex'), 'utf8');
    await client.open(chapterUri, 'latex', chapterText);
    // Diagnostics wait for the bibliography the chapter's root names: once they are out, refs.bib is loaded.
    await client.diagnostics(chapterUri);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('answers definition on each key of \\cite{smith2020,jones2021} with its line of refs.bib', async () => {
    const lines = bibText.split('\n');
    for (const key of ['smith2020', 'jones2021']) {
      const result = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: chapterUri }, position: at(chapterText, key, 2) })) as Location;
      assert.strictEqual(result.uri, bibUri, key);
      assert.ok(lines[result.range.start.line]!.startsWith(`@article{${key},`), `${key}: line ${result.range.start.line}`);
    }
  });

  it("answers definition on a review key with a secretome-review: view, whose text the server gives", async () => {
    const uri = pathToFileURL(path.join(folder, 'draft.md')).href;
    const text = 'The review cites it [@tjalsma2000] and [2].\n';
    await client.open(uri, 'markdown', text);
    const byKey = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(text, 'tjalsma', 2) })) as Location;
    const byNumber = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(text, '[2]', 1) })) as Location;
    assert.deepStrictEqual([byKey.uri, byNumber.uri], ['secretome-review:/reference-1.md', 'secretome-review:/reference-2.md']);
    const view = await client.connection.sendRequest<string | null>('secretome/reviewReference', { uri: byKey.uri });
    assert.match(view ?? '', /^# \[1\] Tjalsma/);
    assert.strictEqual(await client.connection.sendRequest('secretome/reviewReference', { uri: 'secretome-review:/nothing' }), null);
    await client.close(uri);
  });

  it('answers references from a citation, and from the .bib entry with the .bib open as bibtex, which gets no prose diagnostics', async () => {
    const fromCitation = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: chapterUri },
      position: at(chapterText, 'jones2021'),
      context: { includeDeclaration: true },
    })) as Location[];
    const jonesLine = bibText.split('\n').findIndex((line) => line.startsWith('@article{jones2021'));
    assert.deepStrictEqual(
      fromCitation.map((location) => [location.uri === bibUri ? 'bib' : 'chapter', location.range.start.line]),
      [
        ['bib', jonesLine],
        ['chapter', 2],
      ],
    );

    // The loader already published refs.bib's own problems (none) when it read it; this is what opening it publishes.
    const published = client.nextDiagnostics(bibUri);
    await client.open(bibUri, 'bibtex', bibText);
    const fromBib = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: bibUri },
      position: { line: jonesLine + 1, character: 4 },
      context: { includeDeclaration: false },
    })) as Location[];
    assert.deepStrictEqual(
      fromBib.map((location) => [location.uri, location.range]),
      [[chapterUri, { start: at(chapterText, 'jones2021'), end: at(chapterText, 'jones2021', 9) }]],
    );
    const bibDiagnostics = await published;
    assert.deepStrictEqual(bibDiagnostics.map((diagnostic) => diagnostic.code), [], 'no overstated-claim or other prose finding in a .bib');
    assert.strictEqual(await client.hover(bibUri, { line: jonesLine + 1, character: 4 }), null);
    await client.close(bibUri);
  });

  it('answers references of smith2020 across both chapters, from a citation and from its .bib entry', async () => {
    const fromCitation = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: chapterUri },
      position: at(chapterText, 'smith2020', 3),
      context: { includeDeclaration: false },
    })) as Location[];
    const expected = [
      [chapterUri, at(chapterText, 'smith2020')],
      [methodsUri, at(methodsText, 'smith2020')],
    ];
    assert.deepStrictEqual(fromCitation.map((location) => [location.uri, location.range.start]), expected);
    await client.open(bibUri, 'bibtex', bibText);
    const fromBib = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: bibUri },
      position: { line: 1, character: 3 },
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepStrictEqual(fromBib.map((location) => [location.uri, location.range.start]), [[bibUri, { line: 0, character: 0 }], ...expected]);
    await client.close(bibUri);
  });

  it('refuses to rename a number or a review key, with a message that says why', async () => {
    const uri = pathToFileURL(path.join(folder, 'refusals.md')).href;
    const text = 'See [3] and [@tjalsma2000].\n';
    await client.open(uri, 'markdown', text);
    for (const [needle, message] of [
      ['3]', /\[3\] cites an entry by its number/],
      ['tjalsma', /key of the review's references/],
    ] as const) {
      await assert.rejects(
        client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at(text, needle) }),
        (error: Error) => message.test(error.message),
      );
    }
    await client.close(uri);
  });

  it('renames smith2020 in the open chapter (its version), the other chapter and refs.bib on disk (no version), as documentChanges', async () => {
    await client.change(chapterUri, 2, chapterText);
    const position = at(chapterText, 'smith2020', 1);
    const prepared = (await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: chapterUri }, position })) as { range: Location['range']; placeholder: string };
    assert.deepStrictEqual(prepared, { range: { start: at(chapterText, 'smith2020'), end: at(chapterText, 'smith2020', 9) }, placeholder: 'smith2020' });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: chapterUri }, position, newName: 'smith2020burns' })) as WorkspaceEdit;
    const changes = edit.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(
      changes.map((change) => [change.textDocument.uri, change.textDocument.version, change.edits.map((e) => [e.range.start.line, e.range.start.character, (e as { newText: string }).newText])]),
      [
        [chapterUri, 2, [[2, at(chapterText, 'smith2020').character, 'smith2020burns']]],
        [methodsUri, null, [[2, at(methodsText, 'smith2020').character, 'smith2020burns']]],
        [bibUri, null, [[0, '@article{'.length, 'smith2020burns']]],
      ],
    );
    await assert.rejects(
      client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: chapterUri }, position, newName: 'jones2021' }),
      (error: Error) => /already the key of another reference \(refs\.bib, line 8\)/.test(error.message),
    );
  });

  it('links \\input chapters and \\bibliography{refs} to files that exist, and outlines sections', async () => {
    const mainUri = pathToFileURL(path.join(folder, 'main.tex')).href;
    const mainText = fs.readFileSync(path.join(folder, 'main.tex'), 'utf8').replace('\\input{chapters/methods}', '\\input{chapters/methods}\n\\input{chapters/missing}');
    await client.open(mainUri, 'latex', mainText);
    const links = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: mainUri } })) ?? [];
    assert.deepStrictEqual(
      links.map((link) => link.target?.slice(pathToFileURL(folder).href.length + 1)),
      ['chapters/introduction.tex', 'chapters/methods.tex', 'refs.bib'],
    );
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: chapterUri } })) as DocumentSymbol[];
    assert.deepStrictEqual(
      symbols.map((symbol) => [symbol.name, (symbol.children ?? []).map((child) => child.name)]),
      [['Introduction', ['Aims']]],
    );
    await client.close(mainUri);
  });
});

describe('protocol: navigation across the chapters of a Manubot manuscript', function () {
  let client: LspClient;
  let folder: string;
  const uriOf = (file: string) => pathToFileURL(path.join(folder, file)).href;

  before(async () => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-nav-md-')));
    fs.cpSync(path.resolve(__dirname, '../fixtures/projects/nav-markdown'), folder, { recursive: true });
    client = await startClient({}, folder);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('lists the citations of smith2020 in chapters 1 and 2 and renames it there and in refs.bib, from chapter 2', async () => {
    const results = 'content/02.results.md';
    const text = fs.readFileSync(path.join(folder, results), 'utf8');
    await client.open(uriOf(results), 'markdown', text);
    await client.diagnostics(uriOf(results));
    const index = text.indexOf('smith2020') + 2;
    const position = { line: text.slice(0, index).split('\n').length - 1, character: index - (text.lastIndexOf('\n', index) + 1) };
    const references = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uriOf(results) },
      position,
      context: { includeDeclaration: false },
    })) as Location[];
    assert.deepStrictEqual(
      references.map((location) => `${location.uri.slice(pathToFileURL(folder).href.length + 1)}:${location.range.start.line + 1}`),
      ['content/01.introduction.md:8', 'content/01.introduction.md:9', 'content/02.results.md:5'],
    );
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf(results) }, position, newName: 'smith2020burns' })) as WorkspaceEdit;
    assert.deepStrictEqual(
      (edit.documentChanges as TextDocumentEdit[]).map((change) => [change.textDocument.uri.slice(pathToFileURL(folder).href.length + 1), change.textDocument.version, change.edits.length]),
      [
        ['content/01.introduction.md', null, 2],
        ['content/02.results.md', 1, 1],
        ['content/refs.bib', null, 1],
      ],
    );
  });

  it('renames lee2019 from its key in the open refs.bib: the citing chapter and the key, both with their versions', async () => {
    const bib = 'content/refs.bib';
    const bibText = fs.readFileSync(path.join(folder, bib), 'utf8');
    await client.open(uriOf(bib), 'bibtex', bibText);
    const line = bibText.split('\n').findIndex((text) => text.startsWith('@book{lee2019'));
    await assert.rejects(
      client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uriOf(bib) }, position: { line: line + 1, character: 4 } }),
      (error: Error) => /Put the cursor on the key “lee2019”/.test(error.message),
    );
    const position = { line, character: '@book{lee'.length };
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uriOf(bib) }, position });
    assert.deepStrictEqual(prepared, { range: { start: { line, character: 6 }, end: { line, character: 13 } }, placeholder: 'lee2019' });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf(bib) }, position, newName: 'lee2019vesicles' })) as WorkspaceEdit;
    assert.deepStrictEqual(
      (edit.documentChanges as TextDocumentEdit[]).map((change) => [
        change.textDocument.uri.slice(pathToFileURL(folder).href.length + 1),
        change.textDocument.version,
        change.edits.map((e) => `${e.range.start.line + 1}:${e.range.start.character}:${(e as { newText: string }).newText}`),
      ]),
      [
        ['content/02.results.md', 1, [`9:${'Vesicle yield depended on the isolation method [@'.length}:lee2019vesicles`]],
        ['content/refs.bib', 1, [`${line + 1}:6:lee2019vesicles`]],
      ],
    );
    await client.close(uriOf(bib));
  });
});

describe('protocol: rename of a Manubot @tag: key', function () {
  let client: LspClient;
  let folder: string;
  const uriOf = (file: string) => pathToFileURL(path.join(folder, file)).href;
  const chapters = {
    'content/01.introduction.md': 'Secretomes heal wounds [@tag:abe2020; @doi:10.1038/nbt.3300].\n',
    'content/02.results.md': 'As before [@tag:abe2020].\n\n[@tag:abe2020]: doi:10.1038/nbt.3300\n',
  };

  before(async () => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-nav-tag-')));
    fs.mkdirSync(path.join(folder, 'content'));
    for (const [file, text] of Object.entries(chapters)) fs.writeFileSync(path.join(folder, file), text);
    client = await startClient({}, folder);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('renames @tag:abe2020 in the open chapter (its version) and the definition in the other on disk (no version); @doi: is refused', async () => {
    const intro = 'content/01.introduction.md';
    const text = chapters[intro];
    await client.open(uriOf(intro), 'markdown', text);
    await client.diagnostics(uriOf(intro));
    const name = text.indexOf('abe2020');
    const position = { line: 0, character: name + 2 };
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uriOf(intro) }, position });
    assert.deepStrictEqual(prepared, { range: { start: { line: 0, character: name }, end: { line: 0, character: name + 'abe2020'.length } }, placeholder: 'abe2020' });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf(intro) }, position, newName: 'abe2020woundhealing' })) as WorkspaceEdit;
    assert.deepStrictEqual(
      (edit.documentChanges as TextDocumentEdit[]).map((change) => [
        change.textDocument.uri.slice(pathToFileURL(folder).href.length + 1),
        change.textDocument.version,
        change.edits.map((e) => `${e.range.start.line + 1}:${e.range.start.character}:${(e as { newText: string }).newText}`),
      ]),
      [
        [intro, 1, [`1:${name}:abe2020woundhealing`]],
        ['content/02.results.md', null, [`1:${'As before [@tag:'.length}:abe2020woundhealing`, `3:${'[@tag:'.length}:abe2020woundhealing`]],
      ],
    );
    await assert.rejects(
      client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uriOf(intro) }, position: { line: 0, character: text.indexOf('doi:') + 2 } }),
      (error: Error) => /persistent identifier/.test(error.message),
    );
  });
});
