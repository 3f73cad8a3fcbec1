/**
 * Secretome: Check All Manuscripts in the Workspace: the Problems panel lists findings for files that are not open.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, fixturesDir, pollUntil } from './support';

describe('workspace check', () => {
  before(activateExtension);

  it('publishes diagnostics for a manuscript that was never opened', async () => {
    const sample = vscode.Uri.file(path.join(fixturesDir, 'sample.md'));
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === sample.toString()), 'sample.md is not open');
    await vscode.commands.executeCommand('secretome.checkWorkspace');
    const codes = await pollUntil(
      'diagnostics for sample.md after the workspace check',
      () => vscode.languages.getDiagnostics(sample).map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)),
      (found) => found.includes('unknown-citation'),
    );
    assert.ok(codes.includes('unknown-citation'), codes.join(', '));
  });
});
