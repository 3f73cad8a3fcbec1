/**
 * CSL-JSON and CSL-YAML bibliographies reach the server only when a manuscript names them: the server registers
 * exactly those files with the client (synchronisation, references, rename), as the VS Code client lets it, so a
 * writer can ask References and Rename on an item's id. Opened, such a file is never linted as prose; a JSON file
 * that is no bibliography is never registered. A client without dynamic registration is sent nothing.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  UnregistrationRequest,
  type Location,
  type Registration,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';

// The note is a claim the prose rules would flag (overstated, uncited): a bibliography must never be linted as prose.
const cslJson = `[
  {
    "id": "smith2020",
    "type": "article-journal",
    "title": "Conditioned medium in burns",
    "note": "Exosomes are a miracle cure for every wound and undeniably cure all patients.",
    "issued": { "date-parts": [[2020]] }
  }
]
`;
const cslYaml = '- id: lee2019\n  type: book\n  title: Isolating extracellular vesicles\n  issued:\n    date-parts:\n      - [2019]\n';
const files = {
  'refs.json': cslJson,
  'more.yaml': cslYaml,
  'data.json': '{ "name": "not a bibliography" }\n',
  'paper.md': '---\nbibliography: [refs.json, more.yaml]\n---\n\nBurns heal faster [@smith2020], vesicles too [@lee2019].\n',
  'notes/other.md': '---\nbibliography: ../refs.json\n---\n\nAs before [@smith2020].\n',
};
const dynamic = { synchronization: { dynamicRegistration: true }, references: { dynamicRegistration: true }, rename: { dynamicRegistration: true } };

function folderWithFiles(prefix: string): string {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), text);
  }
  return folder;
}

async function until<T>(what: string, find: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('protocol: CSL-JSON and CSL-YAML bibliographies registered with the client, never linted', function () {
  let client: LspClient;
  let folder: string;
  const registrations = new Map<string, Registration>();
  const uriOf = (file: string) => pathToFileURL(path.join(folder, file)).href;
  const nameOf = (uri: string) => uri.slice(pathToFileURL(folder).href.length + 1);

  before(async () => {
    folder = folderWithFiles('secretome-csl-sync-');
    client = await startClient({}, folder, undefined, undefined, dynamic);
    client.connection.onRequest(RegistrationRequest.type, (params) => params.registrations.forEach((registration) => registrations.set(registration.id, registration)));
    client.connection.onRequest(UnregistrationRequest.type, (params) => params.unregisterations.forEach((registration) => registrations.delete(registration.id)));
    await client.open(uriOf('paper.md'), 'markdown', files['paper.md']);
    await client.diagnostics(uriOf('paper.md'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('registers open, change, close, references and rename for refs.json and more.yaml only', async () => {
    const methods = await until('the registrations', () => (registrations.size >= 5 ? [...registrations.values()] : undefined));
    assert.deepStrictEqual(methods.map((registration) => registration.method).sort(), [
      'textDocument/didChange',
      'textDocument/didClose',
      'textDocument/didOpen',
      'textDocument/references',
      'textDocument/rename',
    ]);
    for (const registration of methods) {
      const selector = (registration.registerOptions as { documentSelector: { scheme: string; pattern: string }[] }).documentSelector;
      assert.deepStrictEqual(selector, [
        { scheme: 'file', pattern: path.join(folder, 'more.yaml') },
        { scheme: 'file', pattern: path.join(folder, 'refs.json') },
      ], registration.method);
    }
    assert.strictEqual((methods.find((registration) => registration.method === 'textDocument/rename')!.registerOptions as { prepareProvider?: boolean }).prepareProvider, true);
  });

  it('opened as json, refs.json gets no prose diagnostics, and References on an id finds both manuscripts (one closed)', async () => {
    const published = client.nextDiagnostics(uriOf('refs.json'));
    await client.open(uriOf('refs.json'), 'json', cslJson);
    assert.deepStrictEqual(await published, []);
    assert.strictEqual(await client.hover(uriOf('refs.json'), { line: 5, character: 20 }), null);
    const line = cslJson.split('\n').findIndex((text) => text.includes('"id"'));
    const references = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uriOf('refs.json') },
      position: { line, character: cslJson.split('\n')[line]!.indexOf('smith') + 2 },
      context: { includeDeclaration: false },
    })) as Location[];
    assert.deepStrictEqual(references.map((location) => `${nameOf(location.uri)}:${location.range.start.line + 1}`), ['paper.md:5', 'notes/other.md:5']);
    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: uriOf('refs.json') },
      position: { line, character: cslJson.split('\n')[line]!.indexOf('smith') + 2 },
      newName: 'smith2020burns',
    })) as WorkspaceEdit;
    assert.deepStrictEqual(
      (edit.documentChanges as TextDocumentEdit[]).map((change) => [nameOf(change.textDocument.uri), change.textDocument.version]),
      [
        ['paper.md', 1],
        ['notes/other.md', null],
        ['refs.json', 1],
      ],
    );
  });

  it('opened as yaml, more.yaml gets no prose diagnostics either', async () => {
    const published = client.nextDiagnostics(uriOf('more.yaml'));
    await client.open(uriOf('more.yaml'), 'yaml', cslYaml);
    assert.deepStrictEqual(await published, []);
  });
});

describe('protocol: a client without dynamic registration', function () {
  it('is sent no registration; the server still never lints a JSON file it is sent', async () => {
    const folder = folderWithFiles('secretome-csl-static-');
    const client = await startClient({}, folder);
    let registered = 0;
    client.connection.onRequest(RegistrationRequest.type, () => void registered++);
    try {
      const uri = pathToFileURL(path.join(folder, 'paper.md')).href;
      await client.open(uri, 'markdown', files['paper.md']);
      await client.diagnostics(uri);
      const dataUri = pathToFileURL(path.join(folder, 'refs.json')).href;
      const published = client.nextDiagnostics(dataUri);
      await client.open(dataUri, 'json', cslJson);
      assert.deepStrictEqual(await published, []);
      assert.strictEqual(registered, 0);
    } finally {
      await client.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
