/**
 * The citation picker command (Secretome: Insert Citation…): the quick pick opens with the references ranked for the
 * sentence at the cursor, and accepting its first entry writes that citation at the cursor.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, insertFirstPickedCitation } from './support';

describe('citation picker', () => {
  before(activateExtension);

  it('inserts the top reference for a sentence about chronic wounds', async () => {
    const sentence = 'Secretome gels healed chronic diabetic ulcers ';
    const text = await insertFirstPickedCitation('markdown', sentence);
    const inserted = text.slice(sentence.length);
    assert.match(inserted, /^\[\d+\]$/, `inserted ${JSON.stringify(inserted)}`);
    assert.ok(['[17]', '[28]'].includes(inserted), `the first entry was ${inserted}, not a wound-healing reference`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
