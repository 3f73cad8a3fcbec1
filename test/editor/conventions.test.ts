/**
 * The editor's conventions: each diagnostic's code links to its rule's section of the rules documentation the
 * extension ships, the walkthrough's sample opens as an unsaved Markdown document, and Insert Citation sets the
 * citation off from the word before it as the document's citations are.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, extensionId, insertFirstPickedCitation, pollUntil } from './support';

describe('editor conventions', () => {
  before(activateExtension);
  // Each test opens unsaved documents; close every one, so the next test starts from a known editor.
  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isUntitled && !candidate.isClosed)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('links each diagnostic code to its section of the shipped docs/rules.md', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'Secretome gels speed up the closure of burn wounds.\n',
    });
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await pollUntil(
      'a secretome diagnostic on the claim',
      () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'secretome'),
      (found) => found.length > 0,
    );
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.strictEqual(code.value, 'unsupported-claim');
    const rules = vscode.Uri.joinPath(vscode.extensions.getExtension(extensionId)!.extensionUri, 'docs', 'rules.md');
    assert.strictEqual(code.target.with({ fragment: '' }).toString(), rules.toString());
    assert.strictEqual(code.target.fragment, 'unsupported-claim');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(rules));
    assert.match(text, /^### unsupported-claim$/m, 'the rules documentation has the section the link points at');
  });

  it('opens the sample manuscript as an unsaved Markdown document', async () => {
    await vscode.commands.executeCommand('secretome.openSample');
    const document = await pollUntil(
      'the sample in the active editor',
      () => vscode.window.activeTextEditor?.document,
      (active) => active?.getText().startsWith('# The stem cell secretome in tissue repair') === true,
    );
    assert.strictEqual(document!.isUntitled, true);
    assert.strictEqual(document!.languageId, 'markdown');
  });

  it('inserts " [n]" after a word in a plain-text document whose citations have a space before them', async () => {
    const sentence = 'FGF encourages proliferation [27-29]. Secretome gels healed chronic diabetic ulcers';
    const text = await insertFirstPickedCitation('plaintext', sentence);
    assert.match(text.slice(sentence.length), /^ \[\d+\]$/);
  });
});
