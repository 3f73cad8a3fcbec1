/**
 * Claim linting in the editor: diagnostics as VS Code shows them in the Problems panel, and the quick fixes offered
 * for them through the code action command.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, openFixture, pollUntil, positionOf } from './support';

const source = 'secretome';

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function secretomeDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === source);
}

describe('claim diagnostics', () => {
  before(activateExtension);

  afterEach(async () => {
    // Quick-fix tests edit the fixture in memory; put it back as it is on disk.
    if (vscode.window.activeTextEditor?.document.isDirty) {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('flags an uncited claim (unsupported-claim) and an unknown reference [55] (unknown-citation)', async () => {
    const document = await openFixture('claims.md');
    const claimLine = positionOf(document, 'TGF-β may induce').line;
    const diagnostics = await pollUntil(
      'secretome diagnostics on claims.md',
      () => secretomeDiagnostics(document),
      (found) => found.some((d) => codeOf(d) === 'unknown-citation') && found.some((d) => codeOf(d) === 'unsupported-claim'),
    );
    const unsupported = diagnostics.find((d) => codeOf(d) === 'unsupported-claim')!;
    assert.strictEqual(unsupported.range.start.line, claimLine);
    assert.strictEqual(unsupported.severity, vscode.DiagnosticSeverity.Warning);

    const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-citation')!;
    assert.strictEqual(document.getText(unknown.range), '55');
    assert.strictEqual(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /55/);
  });

  it("offers the review's citation as the preferred quick fix, and applying it clears the warning", async () => {
    const document = await openFixture('claims.md');
    const claimLine = positionOf(document, 'TGF-β may induce').line;
    const diagnostics = await pollUntil(
      'an unsupported-claim diagnostic',
      () => secretomeDiagnostics(document),
      (found) => found.some((d) => codeOf(d) === 'unsupported-claim'),
    );
    const unsupported = diagnostics.find((d) => codeOf(d) === 'unsupported-claim')!;
    const actions = await pollUntil(
      'quick fixes for unsupported-claim',
      async () =>
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          unsupported.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [],
      (found) => found.some((action) => action.isPreferred),
    );
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Disable unsupported-claim for this line'), titles.join(' | '));
    const preferred = actions.find((action) => action.isPreferred)!;
    assert.match(preferred.title, /30.31/, preferred.title);
    assert.ok(preferred.edit, 'the preferred fix carries no edit');

    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    const line = document.lineAt(claimLine).text;
    assert.match(line, /differentiation ?\[30[-–]31\]\.$/, line);
    await pollUntil(
      'the unsupported-claim warning to clear after the fix',
      () => secretomeDiagnostics(document),
      (found) => !found.some((d) => codeOf(d) === 'unsupported-claim' && d.range.start.line === claimLine),
    );
  });
});
