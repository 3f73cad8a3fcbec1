/** Which files make up a manuscript: Manubot chapters, a LaTeX root and its includes, a Quarto book, a defaults file, the setting. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findProject, type FoundProject, type ProjectDiscoveryOptions } from '../../server/src/core/project/discovery';
import { MemoryWorkspace } from './memoryWorkspace';
import { configFromSettings } from '../../server/src/settings';

const fixtures = path.join(__dirname, '../fixtures/projects');

/** A fixture folder as an in-memory workspace rooted at /work. */
function workspaceOf(fixture: string, extra: Record<string, string> = {}): { files: Record<string, string>; workspace: MemoryWorkspace } {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[`/work/${path.relative(path.join(fixtures, fixture), full).split(path.sep).join('/')}`] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(path.join(fixtures, fixture));
  Object.assign(files, extra);
  return { files, workspace: new MemoryWorkspace(files) };
}

async function projectOf(
  fixture: string,
  file: string,
  options: ProjectDiscoveryOptions & { extra?: Record<string, string>; text?: string } = {},
): Promise<FoundProject & { names: string[] }> {
  const { files, workspace } = workspaceOf(fixture, options.extra);
  const languageId = file.endsWith('.tex') ? 'latex' : 'markdown';
  const found = await findProject(`file:///work/${file}`, options.text ?? files[`/work/${file}`], languageId, workspace, { workspaceFolders: ['file:///work'], ...options });
  return { ...found, names: found.uris.map((uri) => uri.replace('file:///work/', '')) };
}

/** The problems with the text they point at in the file that names them. */
function problemsAt(found: FoundProject, files: Record<string, string>): Array<[string, string, string, string]> {
  return found.problems.map((problem) => {
    const text = files[problem.uri.replace('file://', '')] ?? '';
    return [problem.uri.replace('file:///work/', ''), problem.code, problem.span ? text.slice(problem.span.start, problem.span.end) : '', problem.message];
  });
}

describe('project discovery', () => {
  describe('Manubot', () => {
    it('reads the numbered chapters of content/ in numeric order, from any chapter', async () => {
      const found = await projectOf('manubot', 'content/02.results.md');
      assert.strictEqual(found.kind, 'manubot');
      assert.deepStrictEqual(found.names, ['content/01.introduction.md', 'content/02.results.md', 'content/90.back-matter.md']);
      assert.strictEqual(found.id, 'file:///work/content/');
      assert.strictEqual(found.label, 'content/ (3 chapters)');
      assert.deepStrictEqual(found.problems, []);
    });

    it('orders by the number, not the text: 9 before 10', async () => {
      const found = await projectOf('manubot', 'content/10.late.md', { extra: { '/work/content/10.late.md': 'Late.\n', '/work/content/9.early.md': 'Early.\n' } });
      assert.deepStrictEqual(found.names, ['content/01.introduction.md', 'content/02.results.md', 'content/9.early.md', 'content/10.late.md', 'content/90.back-matter.md']);
    });

    it('leaves a Markdown file that is not a numbered chapter on its own', async () => {
      const found = await projectOf('manubot', 'content/notes.md', { extra: { '/work/content/notes.md': 'Notes.\n' } });
      assert.deepStrictEqual([found.kind, found.names], ['single', ['content/notes.md']]);
    });

    it('reads at most maxFiles chapters and says so', async () => {
      const found = await projectOf('manubot', 'content/01.introduction.md', { maxFiles: 2 });
      assert.deepStrictEqual(found.names, ['content/01.introduction.md', 'content/02.results.md']);
      assert.deepStrictEqual(found.problems.map((problem) => problem.code), ['too-many-files']);
    });
  });

  describe('LaTeX', () => {
    it('from the root: the root, then the files it \\inputs in document order (.tex added, comments skipped)', async () => {
      const found = await projectOf('latex', 'main.tex');
      assert.strictEqual(found.kind, 'latex');
      assert.deepStrictEqual(found.names, ['main.tex', 'chapters/introduction.tex', 'chapters/methods.tex']);
      assert.strictEqual(found.id, 'file:///work/main.tex');
      assert.strictEqual(found.label, 'main.tex');
      assert.deepStrictEqual(found.problems, []);
    });

    it('from a chapter naming its root with % !TEX root, and from one that does not (the root nearby takes it in)', async () => {
      const named = await projectOf('latex', 'chapters/methods.tex');
      assert.deepStrictEqual(named.names, ['main.tex', 'chapters/introduction.tex', 'chapters/methods.tex']);
      const found = await projectOf('latex', 'chapters/introduction.tex');
      assert.deepStrictEqual(found.names, ['main.tex', 'chapters/introduction.tex', 'chapters/methods.tex']);
    });

    it('a chapter reads in its current text: an \\input it just gained is followed', async () => {
      const text = '\\section{Introduction}\n\\input{chapters/extra}\n';
      const found = await projectOf('latex', 'chapters/introduction.tex', { text, extra: { '/work/chapters/extra.tex': 'Extra.\n' } });
      assert.deepStrictEqual(found.names, ['main.tex', 'chapters/introduction.tex', 'chapters/extra.tex', 'chapters/methods.tex']);
    });

    it('follows TeX\'s brace-less \\input name, .tex appended when missing, but not a brace-less \\include (a LaTeX macro)', async () => {
      const text = '\\documentclass{article}\n\\input chapters/extra\n\\include appendix\n\\input tables.tex\n';
      const extra = { '/work/chapters/extra.tex': 'Extra.\n', '/work/appendix.tex': 'Appendix.\n', '/work/tables.tex': 'Tables.\n' };
      const found = await projectOf('latex', 'book.tex', { text, extra: { ...extra, '/work/book.tex': text } });
      assert.deepStrictEqual(found.names, ['book.tex', 'chapters/extra.tex', 'tables.tex']);
      assert.deepStrictEqual(found.problems, []);
    });

    it('a cycle of \\inputs is one problem at the command that closes it; a missing file one at its command', async () => {
      const { files } = workspaceOf('latex-broken');
      const found = await projectOf('latex-broken', 'main.tex');
      assert.deepStrictEqual(found.names, ['main.tex', 'a.tex', 'b.tex']);
      assert.deepStrictEqual(problemsAt(found, files), [
        ['b.tex', 'include-cycle', 'a', '\\input{a} closes a cycle of included files (a.tex → b.tex → a.tex); it is not read again'],
        ['main.tex', 'missing-file', 'missing-chapter', '\\include{missing-chapter}: missing-chapter.tex does not exist'],
      ]);
    });

    it('a file that \\inputs itself is a cycle, not a hang', async () => {
      const found = await projectOf('latex-broken', 'self.tex', { extra: { '/work/self.tex': '\\documentclass{article}\n\\input{self}\n' } });
      assert.deepStrictEqual(found.names, ['self.tex']);
      assert.deepStrictEqual(found.problems.map((problem) => [problem.code, problem.message]), [['include-cycle', '\\input{self} closes a cycle of included files (self.tex → self.tex); it is not read again']]);
    });

    it('an \\input outside the workspace is a problem at its command, and is not read', async () => {
      const text = '\\documentclass{article}\n\\input{/etc/passwd}\n';
      const { workspace } = workspaceOf('latex');
      const found = await findProject('file:///work/escape.tex', text, 'latex', workspace, { workspaceFolders: ['file:///work'] });
      assert.deepStrictEqual(found.problems.map((problem) => [problem.code, text.slice(problem.span!.start, problem.span!.end)]), [['unreadable-file', '/etc/passwd']]);
      assert.ok(!workspace.reads.some((file) => file.startsWith('/etc')));
    });

    it('a deep chain of \\inputs stops at maxFiles with one problem', async () => {
      const extra: Record<string, string> = { '/work/deep.tex': '\\documentclass{article}\n\\input{c0}\n' };
      for (let i = 0; i < 30; i++) extra[`/work/c${i}.tex`] = `\\input{c${i + 1}}\n`;
      const found = await projectOf('latex-broken', 'deep.tex', { extra, maxFiles: 10 });
      assert.strictEqual(found.uris.length, 10);
      assert.deepStrictEqual(found.problems.map((problem) => problem.code), ['too-many-files']);
    });

    it('a % !TEX root that names a missing file is a problem at the name', async () => {
      const text = '% !TEX root = ../thesis.tex\n\\section{Lost}\n';
      const found = await projectOf('latex', 'chapters/lost.tex', { extra: { '/work/chapters/lost.tex': text } });
      assert.deepStrictEqual(found.names, ['chapters/lost.tex']);
      assert.deepStrictEqual(
        found.problems.map((problem) => [problem.code, text.slice(problem.span!.start, problem.span!.end), problem.message]),
        [['missing-file', '../thesis.tex', 'The root file ../thesis.tex named by % !TEX root does not exist']],
      );
    });

    it('a root of 100,000 \\inputs of missing files ends soon with a bounded list of problems', async () => {
      const text = `\\documentclass{article}\n${Array.from({ length: 100_000 }, (_, i) => `\\input{missing${i}}`).join('')}\n`;
      const { workspace } = workspaceOf('latex');
      const found = await findProject('file:///work/huge.tex', text, 'latex', workspace, { workspaceFolders: ['file:///work'] });
      assert.strictEqual(found.problems.length, 50);
      assert.ok(found.problems.every((problem) => problem.code === 'missing-file'));
      assert.ok(workspace.reads.length < 200, `${workspace.reads.length} reads`);
    });

    it('a root of 100,000 \\inputs of one file reads it once, and stops looking at the lookup cap', async () => {
      const text = `\\documentclass{article}\n${'\\input{chapters/introduction}'.repeat(100_000)}\n`;
      const { workspace } = workspaceOf('latex');
      const found = await findProject('file:///work/same.tex', text, 'latex', workspace, { workspaceFolders: ['file:///work'] });
      assert.deepStrictEqual(found.uris.map((uri) => uri.replace('file:///work/', '')), ['same.tex', 'chapters/introduction.tex']);
      assert.deepStrictEqual(found.problems.map((problem) => problem.code), ['too-many-files']);
    });

    it('a root with no includes is a document on its own', async () => {
      const found = await projectOf('latex', 'alone.tex', { extra: { '/work/alone.tex': '\\documentclass{article}\nText.\n' } });
      assert.deepStrictEqual([found.kind, found.names], ['single', ['alone.tex']]);
    });
  });

  describe('Quarto and Pandoc', () => {
    it("_quarto.yml's book chapters, parts and appendices in order; a missing chapter is a problem at its name", async () => {
      const { files } = workspaceOf('quarto');
      const found = await projectOf('quarto', 'chapters/results.qmd');
      assert.strictEqual(found.kind, 'quarto');
      assert.deepStrictEqual(found.names, ['index.qmd', 'chapters/findings.qmd', 'chapters/results.qmd', 'chapters/appendix.md']);
      assert.strictEqual(found.id, 'file:///work/_quarto.yml');
      assert.deepStrictEqual(problemsAt(found, files), [['_quarto.yml', 'missing-file', 'chapters/missing.qmd', 'The chapter chapters/missing.qmd does not exist']]);
    });

    it('a .qmd the book does not list is on its own', async () => {
      const found = await projectOf('quarto', 'notes.qmd');
      assert.deepStrictEqual([found.kind, found.names], ['single', ['notes.qmd']]);
    });

    it("project: render: lists the files of a project that is not a book", async () => {
      const extra = { '/work/site/_quarto.yml': 'project:\n  render:\n    - b.qmd\n    - a.qmd\n    - "*.md"\n    - "!drafts/"\n', '/work/site/a.qmd': 'A\n', '/work/site/b.qmd': 'B\n' };
      const found = await projectOf('quarto', 'site/a.qmd', { extra });
      assert.deepStrictEqual(found.names, ['site/b.qmd', 'site/a.qmd']);
    });

    it("a Pandoc defaults file's input-files, in their order", async () => {
      const extra = {
        '/work/paper/defaults.yaml': 'from: markdown\ninput-files:\n  - ${.}/intro.md\n  - body.md\n  - gone.md\n',
        '/work/paper/intro.md': 'Intro.\n',
        '/work/paper/body.md': 'Body.\n',
      };
      const found = await projectOf('quarto', 'paper/body.md', { extra });
      assert.strictEqual(found.kind, 'pandoc');
      assert.deepStrictEqual(found.names, ['paper/intro.md', 'paper/body.md']);
      assert.deepStrictEqual(found.problems.map((problem) => [problem.uri, problem.code]), [['file:///work/paper/defaults.yaml', 'missing-file']]);
    });
  });

  describe('the secretome.manuscript setting', () => {
    it('names the root when a workspace holds two manuscripts, and wins over the convention', async () => {
      const extra = { '/work/other.tex': '\\documentclass{article}\n\\input{chapters/introduction}\n' };
      const byDefault = await projectOf('latex', 'chapters/introduction.tex', { extra });
      assert.strictEqual(byDefault.id, 'file:///work/main.tex');
      const named = await projectOf('latex', 'chapters/introduction.tex', { extra, setting: 'other.tex' });
      assert.deepStrictEqual([named.kind, named.id, named.names], ['setting', 'file:///work/other.tex', ['other.tex', 'chapters/introduction.tex']]);
    });

    it('is read from the secretome section; anything but a string is no setting', () => {
      assert.strictEqual(configFromSettings({ manuscript: 'thesis/main.tex' }).manuscript, 'thesis/main.tex');
      assert.strictEqual(configFromSettings({ manuscript: 3 }).manuscript, '');
      assert.strictEqual(configFromSettings({}).manuscript, '');
    });

    it('names a _quarto.yml or a defaults file', async () => {
      const quarto = await projectOf('quarto', 'index.qmd', { setting: '_quarto.yml' });
      assert.deepStrictEqual([quarto.kind, quarto.id, quarto.names], ['setting', 'file:///work/_quarto.yml', ['index.qmd', 'chapters/findings.qmd', 'chapters/results.qmd', 'chapters/appendix.md']]);
      const extra = { '/work/build/paper.yaml': 'input-files:\n  - ../notes.qmd\n  - ../index.qmd\n' };
      const defaults = await projectOf('quarto', 'notes.qmd', { setting: 'build/paper.yaml', extra });
      assert.deepStrictEqual([defaults.kind, defaults.names], ['setting', ['notes.qmd', 'index.qmd']]);
    });

    it('names a folder of chapters; a document outside what it names finds its own project', async () => {
      const named = await projectOf('manubot', 'content/02.results.md', { setting: '.' });
      assert.deepStrictEqual([named.kind, named.names.length], ['setting', 3]);
      const elsewhere = await projectOf('manubot', 'draft/01.a.md', { setting: 'content', extra: { '/work/draft/01.a.md': 'A\n', '/work/draft/02.b.md': 'B\n' } });
      assert.deepStrictEqual([elsewhere.kind, elsewhere.names], ['manubot', ['draft/01.a.md', 'draft/02.b.md']]);
    });
  });
});
