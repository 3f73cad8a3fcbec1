/**
 * References and rename asked on a .bib entry see every manuscript of the workspace that uses the file, open or not:
 * two chapters name refs.bib in their front matter without forming one project, one is open and one only on disk.
 * The closed chapter's citations are listed and renamed (a plain edit, version null); the open one's edit carries its
 * version. A manuscript that does not use refs.bib is not searched for the key.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ReferencesRequest, RenameRequest, type Location, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';

const files = {
  'refs.bib': '@article{smith2020,\n  title = {Conditioned medium in burns},\n  author = {Smith, Ann},\n  journal = {Fixture Journal of Wound Care},\n  year = {2020}\n}\n',
  'other.bib': '@article{smith2020,\n  title = {Another paper of the same key},\n  author = {Smith, Zoe},\n  year = {2001}\n}\n',
  'intro.md': '---\nbibliography: refs.bib\n---\n\nBurns heal faster with conditioned medium [@smith2020].\n',
  'drafts/discussion.md': '---\nbibliography: ../refs.bib\n---\n\nAs shown before [@smith2020], and again [see @smith2020, p. 3].\n',
  'unrelated.md': '---\nbibliography: other.bib\n---\n\nA different paper [@smith2020].\n',
};

describe('protocol: references and rename from a .bib entry across the workspace, closed manuscripts included', function () {
  let client: LspClient;
  let folder: string;
  const uriOf = (file: string) => pathToFileURL(path.join(folder, file)).href;
  const nameOf = (uri: string) => uri.slice(pathToFileURL(folder).href.length + 1);
  const at = (text: string, needle: string, from = 0) => {
    const index = text.indexOf(needle, from);
    const before = text.slice(0, index);
    return `${before.split('\n').length}:${index - (before.lastIndexOf('\n') + 1)}`;
  };

  before(async () => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-nav-wide-')));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      fs.writeFileSync(path.join(folder, file), text);
    }
    client = await startClient({}, folder);
    await client.open(uriOf('intro.md'), 'markdown', files['intro.md']);
    // Diagnostics wait for the bibliography: once they are out, refs.bib is loaded.
    await client.diagnostics(uriOf('intro.md'));
    await client.open(uriOf('refs.bib'), 'bibtex', files['refs.bib']);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const onKey = { line: 0, character: '@article{smi'.length };

  it('lists the citations of smith2020 in the open chapter and in the closed one on disk, not in a manuscript using another .bib', async () => {
    const references = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uriOf('refs.bib') },
      position: onKey,
      context: { includeDeclaration: false },
    })) as Location[];
    const discussion = files['drafts/discussion.md'];
    assert.deepStrictEqual(
      references.map((location) => `${nameOf(location.uri)}:${location.range.start.line + 1}:${location.range.start.character}`),
      [
        `intro.md:${at(files['intro.md'], 'smith2020')}`,
        `drafts/discussion.md:${at(discussion, 'smith2020')}`,
        `drafts/discussion.md:${at(discussion, 'smith2020', discussion.indexOf('see'))}`,
      ],
    );
  });

  it('renames smith2020 from refs.bib: the open chapter and refs.bib with their versions, the closed chapter with version null', async () => {
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf('refs.bib') }, position: onKey, newName: 'smith2020burns' })) as WorkspaceEdit;
    const discussion = files['drafts/discussion.md'];
    assert.deepStrictEqual(
      (edit.documentChanges as TextDocumentEdit[]).map((change) => [
        nameOf(change.textDocument.uri),
        change.textDocument.version,
        change.edits.map((e) => `${e.range.start.line + 1}:${e.range.start.character}:${(e as { newText: string }).newText}`),
      ]),
      [
        ['intro.md', 1, [`${at(files['intro.md'], 'smith2020')}:smith2020burns`]],
        ['drafts/discussion.md', null, [`${at(discussion, 'smith2020')}:smith2020burns`, `${at(discussion, 'smith2020', discussion.indexOf('see'))}:smith2020burns`]],
        ['refs.bib', 1, ['1:9:smith2020burns']],
      ],
    );
  });
});

describe('protocol: references from a .bib opened before any manuscript', function () {
  let client: LspClient;
  let folder: string;
  const uriOf = (file: string) => pathToFileURL(path.join(folder, file)).href;

  before(async () => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-nav-bib-only-')));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      fs.writeFileSync(path.join(folder, file), text);
    }
    client = await startClient({}, folder);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reads the open .bib and finds its key in both chapters on disk', async () => {
    await client.open(uriOf('refs.bib'), 'bibtex', files['refs.bib']);
    const references = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uriOf('refs.bib') },
      position: { line: 0, character: '@article{smi'.length },
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepStrictEqual(
      references.map((location) => `${location.uri.slice(pathToFileURL(folder).href.length + 1)}:${location.range.start.line + 1}`),
      ['refs.bib:1', 'drafts/discussion.md:5', 'drafts/discussion.md:5', 'intro.md:5'],
    );
  });
});
