/**
 * The citation picker command (Secretome: Insert Citation…): the quick pick opens with the references ranked for the
 * sentence at the cursor, and accepting its first entry writes that citation at the cursor.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, pollUntil } from './support';

describe('citation picker', () => {
  before(activateExtension);

  it('inserts the top reference for a sentence about chronic wounds', async () => {
    const sentence = 'Secretome gels healed chronic diabetic ulcers ';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: sentence });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.positionAt(sentence.length);
    editor.selection = new vscode.Selection(end, end);

    const picking = vscode.commands.executeCommand('secretome.insertCitation');
    // The quick pick opens once the server has answered; accepting before that does nothing, so keep trying.
    const text = await pollUntil(
      'a citation inserted from the picker',
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return document.getText();
      },
      (current) => current !== sentence,
    );
    await picking;
    const inserted = text.slice(sentence.length);
    assert.match(inserted, /^\[\d+\]$/, `inserted ${JSON.stringify(inserted)}`);
    assert.ok(['[17]', '[28]'].includes(inserted), `the first entry was ${inserted}, not a wound-healing reference`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
