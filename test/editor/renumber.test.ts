/**
 * Renumber Citations by First Use and Write the Reference List from the palette, on fixture manuscripts: the server
 * computes the edit and the editor applies it; the test reads the document text after. Fixtures are reverted after.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, fixturesDir, pollUntil } from './support';

const projectsDir = path.resolve(fixturesDir, '..', 'projects');

async function openProjectFile(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(projectsDir, relative)));
  await vscode.window.showTextDocument(document);
  return document;
}

describe('renumber citations and write the reference list', () => {
  before(activateExtension);

  afterEach(async () => {
    if (vscode.window.activeTextEditor?.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('renumbers [5], [2], [2, 9], [1-3] to [1], [2], [2, 3], [2, 4, 5] and reorders the list', async () => {
    const document = await openProjectFile('renumber-numbered/manuscript.md');
    await vscode.commands.executeCommand('secretome.renumberCitations');
    const text = await pollUntil('the renumbered manuscript', () => document.getText(), (now) => now.includes('[2, 4, 5]'));
    assert.ok(text.includes('Vesicles carry cargo between cells [1]. They act on resident cells [2]. Both effects matter in the wound [2, 3].\nSee also the earlier reports [2, 4, 5].'), text);
    const entries = text.split('\n').filter((line) => /^\d+\. /.test(line)).map((line) => line.slice(0, 12));
    assert.deepStrictEqual(entries, ['1. Epsilon E', '2. Beta B. S', '3. Iota I. N', '4. Alpha A. ', '5. Gamma C. ', '6. Delta D. ', '7. Zeta Z. S', '8. Eta H. Se', '9. Theta T. ']);
    // One undo puts it all back.
    await vscode.commands.executeCommand('undo');
    await pollUntil('the text after one undo', () => document.getText(), (now) => now.includes('cells [5]') && now.includes('\n1. Alpha A.'));
  });

  it("writes the reference list for a draft citing the review's [45], [11-13]", async () => {
    const document = await openProjectFile('renumber-draft/draft.md');
    await vscode.commands.executeCommand('secretome.writeReferenceList');
    const text = await pollUntil('the draft with its list', () => document.getText(), (now) => now.includes('## References'));
    assert.ok(text.includes('differ [1]. Post-partum secretomes have therapeutic uses [2-4].'), text);
    const entries = text.split('\n').filter((line) => /^\d+\. /.test(line)).map((line) => line.split(' ').slice(0, 2).join(' '));
    assert.deepStrictEqual(entries, ['1. Caseiro', '2. Udalamaththa', '3. Fei', '4. Ranganath']);
  });
});
