/**
 * Go to definition, find references and rename through VS Code's own commands (executeDefinitionProvider,
 * executeReferenceProvider, executeDocumentRenameProvider) on the nav-* fixture projects, which the runner opens as the
 * window's second workspace folder (test/fixtures/projects), so their bibliographies may be read and edited. The
 * rename's edit is inspected, never applied, so the fixtures stay as they are.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, pollUntil, positionOf } from './support';

const projectsDir = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'projects');
const latexDir = path.join(projectsDir, 'nav-latex');
const markdownDir = path.join(projectsDir, 'nav-markdown');

type Found = vscode.Location | vscode.LocationLink;
const uriOf = (found: Found) => ('targetUri' in found ? found.targetUri : found.uri);
const rangeOf = (found: Found) => ('targetUri' in found ? found.targetRange : found.range);
const relative = (uri: vscode.Uri) => (uri.scheme === 'file' ? path.relative(projectsDir, uri.fsPath).split(path.sep).join('/') : uri.toString());

async function open(file: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

describe('navigation: definition, references and rename in VS Code', () => {
  before(async () => {
    await activateExtension();
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
    assert.ok(folders.includes(projectsDir), `test/fixtures/projects is a workspace folder (folders: ${folders.join(', ')})`);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('goes from each key of \\cite{smith2020,jones2021} to its line of refs.bib', async () => {
    const chapter = await open(path.join(latexDir, 'chapters', 'introduction.tex'));
    const bib = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(latexDir, 'refs.bib')));
    for (const key of ['smith2020', 'jones2021']) {
      const found = await pollUntil(
        `a definition of ${key}`,
        () => vscode.commands.executeCommand<Found[]>('vscode.executeDefinitionProvider', chapter.uri, positionOf(chapter, key, { offsetInNeedle: 2 })),
        (result) => result.length > 0,
        30_000,
      );
      assert.strictEqual(relative(uriOf(found[0]!)), 'nav-latex/refs.bib');
      assert.ok(bib.lineAt(rangeOf(found[0]!).start.line).text.startsWith(`@article{${key},`), key);
    }
  });

  it('finds the references of smith2020 in both \\input chapters, and its refs.bib entry', async () => {
    const chapter = await open(path.join(latexDir, 'chapters', 'introduction.tex'));
    const found = await pollUntil(
      'references of smith2020',
      () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', chapter.uri, positionOf(chapter, 'smith2020', { offsetInNeedle: 1 })),
      (result) => result.length >= 3,
      30_000,
    );
    const shown = found.map((location) => `${relative(location.uri)}:${location.range.start.line + 1}`);
    assert.ok(shown.includes('nav-latex/refs.bib:1'), shown.join(', '));
    assert.deepStrictEqual(shown.filter((where) => where.endsWith('.tex:3')).sort(), ['nav-latex/chapters/introduction.tex:3', 'nav-latex/chapters/methods.tex:3']);
    for (const location of found.filter((candidate) => candidate.uri.fsPath.endsWith('.tex'))) {
      const document = await vscode.workspace.openTextDocument(location.uri);
      assert.strictEqual(document.getText(location.range), 'smith2020');
    }
  });

  it('renames smith2020 in both chapters and in refs.bib (the edit inspected, not applied)', async () => {
    const chapter = await open(path.join(latexDir, 'chapters', 'introduction.tex'));
    const position = positionOf(chapter, 'smith2020', { offsetInNeedle: 1 });
    const edit = await pollUntil(
      'a rename of smith2020',
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', chapter.uri, position, 'smith2020burns'),
      (result) => result !== undefined && result.size > 0,
      30_000,
    );
    const files = edit!.entries().map(([uri, edits]) => [relative(uri), edits.map((textEdit) => `${textEdit.range.start.line + 1}:${textEdit.newText}`)]);
    const byFile = new Map(files as Array<[string, string[]]>);
    assert.deepStrictEqual(byFile.get('nav-latex/chapters/introduction.tex'), ['3:smith2020burns']);
    assert.deepStrictEqual(byFile.get('nav-latex/chapters/methods.tex'), ['3:smith2020burns']);
    assert.deepStrictEqual(byFile.get('nav-latex/refs.bib'), ['1:smith2020burns']);
    assert.ok(chapter.getText().includes('\\cite{smith2020,jones2021}'), 'nothing was applied');
  });

  it("opens a review key's read-only view on go to definition, and refuses to rename it, saying why", async () => {
    const discussion = await open(path.join(markdownDir, 'content', '03.discussion.md'));
    const found = await pollUntil(
      'a definition of tjalsma2000',
      () => vscode.commands.executeCommand<Found[]>('vscode.executeDefinitionProvider', discussion.uri, positionOf(discussion, 'tjalsma2000', { offsetInNeedle: 2 })),
      (result) => result.length > 0,
      30_000,
    );
    const view = uriOf(found[0]!);
    assert.strictEqual(view.toString(), 'secretome-review:/reference-1.md');
    const text = (await vscode.workspace.openTextDocument(view)).getText();
    assert.match(text, /^# \[1\] Tjalsma/);

    // In LaTeX, where ours is the only rename provider, the refusal reaches the caller with its reason.
    const draft = await vscode.workspace.openTextDocument({ language: 'latex', content: 'As reviewed \\cite{tjalsma2000}.\n' });
    const position = positionOf(draft, 'tjalsma2000', { offsetInNeedle: 2 });
    await pollUntil(
      'a definition in the unsaved draft',
      () => vscode.commands.executeCommand<Found[]>('vscode.executeDefinitionProvider', draft.uri, position),
      (result) => result.length > 0,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', draft.uri, position, 'mine2000')),
      (error: Error) => /key of the review's references/.test(String(error?.message ?? error)),
    );
  });

  it('renames jones2021 in the two Markdown chapters that cite it and refs.bib', async () => {
    const discussion = await open(path.join(markdownDir, 'content', '03.discussion.md'));
    const position = positionOf(discussion, 'jones2021', { offsetInNeedle: 2 });
    const edit = await pollUntil(
      'a rename of jones2021',
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', discussion.uri, position, 'jones2021niches'),
      (result) => result !== undefined && result.size > 0,
      30_000,
    );
    const byFile = new Map(edit!.entries().map(([uri, edits]) => [relative(uri), edits.map((textEdit) => `${textEdit.range.start.line + 1}:${textEdit.newText}`)]));
    assert.deepStrictEqual(byFile.get('nav-markdown/content/01.introduction.md'), ['8:jones2021niches']);
    assert.deepStrictEqual(byFile.get('nav-markdown/content/03.discussion.md'), ['3:jones2021niches']);
    assert.deepStrictEqual(byFile.get('nav-markdown/content/refs.bib'), ['8:jones2021niches']);
  });
});
