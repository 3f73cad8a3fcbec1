/**
 * Renumbering and writing the reference list over the protocol, against the bundled server: the command asks the
 * client to apply one versioned edit (workspace/applyEdit), answers what happened, and says it to the user; a client
 * that refuses a stale edit leaves the text unchanged. Single-document here (the server fills no project until
 * project discovery lands); several files are tested in the core (test/core/renumber.test.ts).
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApplyWorkspaceEditParams, CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { renumberCitationsCommand as coreRenumber } from '../../server/src/core/features/renumber';
import { writeReferenceListCommand as coreWriteList } from '../../server/src/core/features/referenceListWriter';
import { renumberCitationsCommand, writeReferenceListCommand } from '../../server/src/protocol';
import { startClient, type LspClient } from './lspClient';

const uri = 'file:///w/renumber-protocol.md';
const text = [
  'Vesicles carry cargo [5]. They act on cells [2]. Both matter [2, 9]. See also [1-3].',
  '',
  '## References',
  '',
  '1. Alpha A. First paper. J One. 2001;1:1.',
  '2. Beta B. Second paper. J Two. 2002;2:2.',
  '3. Gamma C. Third paper. J Three. 2003;3:3.',
  '4. Delta D. Fourth paper. J Four. 2004;4:4.',
  '5. Epsilon E. Fifth paper. J Five. 2005;5:5.',
  '6. Zeta Z. Sixth paper. J Six. 2006;6:6.',
  '7. Eta H. Seventh paper. J Seven. 2007;7:7.',
  '8. Theta T. Eighth paper. J Eight. 2008;8:8.',
  '9. Iota I. Ninth paper. J Nine. 2009;9:9.',
  '',
].join('\n');

describe('protocol: renumber citations and write the reference list', function () {
  let client: LspClient;
  /** What the test client does with each workspace/applyEdit: by default, apply it if the versions match. */
  let answer: (params: ApplyWorkspaceEditParams) => Promise<{ applied: boolean; failureReason?: string }>;
  let requests: ApplyWorkspaceEditParams[];
  let messages: { type: number; message: string }[];
  const versions = new Map<string, number>();

  before(async () => {
    client = await startClient();
    client.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      requests.push(params);
      return answer(params);
    });
    client.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      messages.push(params);
    });
  });
  after(() => client.stop());
  beforeEach(() => {
    requests = [];
    messages = [];
    // As VS Code's client does: an edit naming another version of an open document is refused.
    answer = async (params) => ({
      applied: (params.edit.documentChanges as TextDocumentEdit[]).every((change) => versions.get(change.textDocument.uri) === change.textDocument.version),
    });
  });

  async function open(documentUri: string, content: string, languageId = 'markdown'): Promise<void> {
    await client.open(documentUri, languageId, content);
    versions.set(documentUri, 1);
  }

  const run = (command: string, documentUri: string) => client.connection.sendRequest('workspace/executeCommand', { command, arguments: [documentUri] });

  it('names the same command strings in the core and the protocol', () => {
    assert.strictEqual(renumberCitationsCommand, coreRenumber);
    assert.strictEqual(writeReferenceListCommand, coreWriteList);
  });

  it('renumbers by first use with one versioned edit the client applies', async () => {
    await open(uri, text);
    const result = await run(renumberCitationsCommand, uri);
    assert.deepStrictEqual(result, {
      outcome: 'edit',
      message: 'Renumbered 5 cited references by first use: 11 changes in 1 file.',
      applied: true,
    });
    assert.strictEqual(requests.length, 1);
    const [change] = requests[0]!.edit.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(change!.textDocument, { uri, version: 1 });
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), change!.edits as TextEdit[]);
    assert.ok(after.startsWith('Vesicles carry cargo [1]. They act on cells [2]. Both matter [2, 3]. See also [2, 4, 5].\n'), after);
    assert.match(after, /\n1\. Epsilon E\. Fifth paper\.[^\n]*\n2\. Beta B\.[^\n]*\n3\. Iota I\.[^\n]*\n4\. Alpha A\./);
    assert.deepStrictEqual(messages, [{ type: 3, message: 'Secretome Writer: Renumbered 5 cited references by first use: 11 changes in 1 file.' }]);

    // The editor applies it; run again on the new text: nothing to do, and no edit is sent.
    await client.change(uri, 2, after);
    versions.set(uri, 2);
    requests = [];
    const again = (await run(renumberCitationsCommand, uri)) as { outcome: string; applied: boolean };
    assert.deepStrictEqual([again.outcome, again.applied, requests.length], ['unchanged', false, 0]);
  });

  it('reports a stale edit when the document changed before the client applied it', async () => {
    const staleUri = 'file:///w/renumber-stale.md';
    await open(staleUri, text);
    answer = async (params) => {
      // The user types while the edit travels: the editor's document is now version 2.
      await client.change(staleUri, 2, `Typed. ${text}`);
      versions.set(staleUri, 2);
      const [change] = params.edit.documentChanges as TextDocumentEdit[];
      return { applied: change!.textDocument.version === versions.get(staleUri) };
    };
    const result = (await run(renumberCitationsCommand, staleUri)) as { outcome: string; applied: boolean; message: string };
    assert.strictEqual(requests.length, 1);
    assert.strictEqual((requests[0]!.edit.documentChanges as TextDocumentEdit[])[0]!.textDocument.version, 1);
    assert.deepStrictEqual([result.outcome, result.applied], ['stale', false]);
    assert.match(result.message, /the manuscript changed while the edit was prepared/);
    assert.strictEqual(messages[0]?.type, 2);
  });

  it('refuses, with a warning and no edit, a citation of a number the list lacks', async () => {
    const missingUri = 'file:///w/renumber-missing.md';
    await open(missingUri, text.replace('[5]', '[12]'));
    const result = (await run(renumberCitationsCommand, missingUri)) as { outcome: string; message: string };
    assert.strictEqual(result.outcome, 'refused');
    assert.match(result.message, /\[12\] \(renumber-missing\.md, line 1\) is not in the manuscript's reference list \(9 entries\)/);
    assert.strictEqual(requests.length, 0);
    assert.strictEqual(messages[0]?.type, 2);
  });

  it("writes the list for a draft citing the review's [45], [11-13]: [1], [2-4] and refs 45, 11, 12, 13", async () => {
    const draftUri = 'file:///w/renumber-draft.md';
    await open(draftUri, 'Secretomes differ by source [45]. They have therapeutic uses [11-13].\n');
    const result = (await run(writeReferenceListCommand, draftUri)) as { outcome: string; applied: boolean };
    assert.deepStrictEqual([result.outcome, result.applied], ['edit', true]);
    const [change] = requests[0]!.edit.documentChanges as TextDocumentEdit[];
    const after = TextDocument.applyEdits(TextDocument.create(draftUri, 'markdown', 1, 'Secretomes differ by source [45]. They have therapeutic uses [11-13].\n'), change!.edits as TextEdit[]);
    const lines = after.split('\n');
    assert.strictEqual(lines[0], 'Secretomes differ by source [1]. They have therapeutic uses [2-4].');
    assert.deepStrictEqual(lines.slice(1, 4), ['', '## References', '']);
    assert.deepStrictEqual(
      lines.filter((line) => /^\d+\. /.test(line)).map((line) => /^(\d+)\. (\S+)/.exec(line)!.slice(1).join(' ')),
      ['1 Caseiro', '2 Udalamaththa', '3 Fei', '4 Ranganath'],
    );
    // Vancouver (citeproc-js, the default secretome.citationStyle), from the review's printed data for 45 and 13.
    const entries = lines.filter((line) => /^\d+\. /.test(line));
    assert.strictEqual(
      entries[0],
      '1. Caseiro AR, Pedrosa SS, Ivanova G, Branquinho MV, Almeida A, Faria F, et al. Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome. PLoS ONE. 2019;14(11):1–33.',
    );
    assert.strictEqual(
      entries[3],
      '4. Ranganath SH, Levy O, Inamdar MS, Karp JM. Harnessing the mesenchymal stem cell secretome for the treatment of cardiovascular disease. Cell Stem Cell. 2012;10:244–58.',
    );
  });

  it('offers the source action when asked for source kinds, and advertises its kind', async () => {
    const actionUri = 'file:///w/renumber-action.md';
    await open(actionUri, text);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: actionUri },
      range,
      context: { diagnostics: [], only: ['source'] },
    })) as CodeAction[];
    assert.deepStrictEqual(
      actions.map((action) => [action.kind, action.command?.command, action.command?.arguments]),
      [['source.renumberCitations', renumberCitationsCommand, [actionUri]]],
    );
    const plain = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: actionUri }, range, context: { diagnostics: [] } })) as CodeAction[];
    assert.deepStrictEqual(plain.filter((action) => action.kind?.startsWith('source')), []);
    const provider = client.capabilities.codeActionProvider as { codeActionKinds?: string[] };
    assert.ok(provider.codeActionKinds?.includes('source.renumberCitations'), JSON.stringify(provider));
    assert.deepStrictEqual(
      client.capabilities.executeCommandProvider?.commands.filter((command) => command !== 'secretome.server.checkWorkspace'),
      [renumberCitationsCommand, writeReferenceListCommand],
    );
  });
});
