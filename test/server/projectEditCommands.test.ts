/**
 * The server side of the editing commands, with a fake host: what is sent to workspace/applyEdit (open documents
 * keep their version, files the editor has not open are named without one), and what the user is told.
 */
import * as assert from 'assert';
import type { ApplyWorkspaceEditResult, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { ProjectEditResult } from '../../server/src/core/features/projectEdit';
import { renumberCitationsCommand, runProjectEditCommand, type ProjectEditHost } from '../../server/src/projectEditCommands';

const edit: WorkspaceEdit = {
  documentChanges: [
    { textDocument: { uri: 'file:///w/01.intro.md', version: 4 }, edits: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, newText: '1' }] },
    { textDocument: { uri: 'file:///w/90.back.md', version: 1 }, edits: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, newText: '2' }] },
  ],
};

function host(result: ProjectEditResult | undefined, applied: ApplyWorkspaceEditResult = { applied: true }) {
  const sent: { label: string; edit: WorkspaceEdit }[] = [];
  const messages: { type: number; message: string }[] = [];
  const fake: ProjectEditHost = {
    compute: async () => result,
    openVersion: (uri) => (uri === 'file:///w/01.intro.md' ? 4 : undefined),
    applyEdit: async (label, workspaceEdit) => {
      sent.push({ label, edit: workspaceEdit });
      return applied;
    },
    showMessage: (type, message) => messages.push({ type, message }),
  };
  return { fake, sent, messages };
}

describe('server: the commands that edit the manuscript', () => {
  it('sends one labelled edit, open documents versioned and the others without a version', async () => {
    const { fake, sent, messages } = host({ outcome: 'edit', message: 'Renumbered 2 cited references by first use.', edit });
    const result = await runProjectEditCommand(renumberCitationsCommand, ['file:///w/01.intro.md'], fake);
    assert.deepStrictEqual(result, { outcome: 'edit', message: 'Renumbered 2 cited references by first use.', applied: true });
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0]!.label, 'Renumber citations by first use');
    assert.deepStrictEqual(
      (sent[0]!.edit.documentChanges as TextDocumentEdit[]).map((change) => change.textDocument),
      [{ uri: 'file:///w/01.intro.md', version: 4 }, { uri: 'file:///w/90.back.md', version: null }],
    );
    assert.deepStrictEqual(messages, [{ type: 3, message: 'Secretome Writer: Renumbered 2 cited references by first use.' }]);
  });

  it('says the edit was stale when the client refuses it, with the reason it gave', async () => {
    const { fake, messages } = host({ outcome: 'edit', message: 'done', edit }, { applied: false, failureReason: 'version mismatch' });
    const result = await runProjectEditCommand(renumberCitationsCommand, ['file:///w/01.intro.md'], fake);
    assert.deepStrictEqual([result.outcome, result.applied], ['stale', false]);
    assert.strictEqual(result.message, 'Nothing was changed: the manuscript changed while the edit was prepared (version mismatch). Run the command again.');
    assert.strictEqual(messages[0]!.type, 2);
  });

  it('sends nothing for a refusal or for nothing to do, and tells the user why', async () => {
    for (const outcome of ['refused', 'unchanged'] as const) {
      const { fake, sent, messages } = host({ outcome, message: `because ${outcome}` });
      const result = await runProjectEditCommand(renumberCitationsCommand, ['file:///w/01.intro.md'], fake);
      assert.deepStrictEqual(result, { outcome, message: `because ${outcome}`, applied: false });
      assert.strictEqual(sent.length, 0);
      assert.deepStrictEqual(messages, [{ type: outcome === 'refused' ? 2 : 3, message: `Secretome Writer: because ${outcome}` }]);
    }
  });

  it('asks for a document when called without one, or with one that is not open', async () => {
    const { fake, sent } = host(undefined);
    assert.match((await runProjectEditCommand(renumberCitationsCommand, [], fake)).message, /Open the manuscript/);
    assert.match((await runProjectEditCommand(renumberCitationsCommand, [42], fake)).message, /Open the manuscript/);
    assert.match((await runProjectEditCommand(renumberCitationsCommand, ['file:///w/closed.md'], fake)).message, /not open/);
    assert.strictEqual(sent.length, 0);
  });
});
