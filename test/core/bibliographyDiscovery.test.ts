/** Which bibliographies a manuscript uses: the pure scanners, then the resolver over an in-memory workspace. */
import * as assert from 'assert';
import {
  formatOfBibliography,
  frontMatterBibliographies,
  latexBibliographies,
  latexIncludes,
  latexMagicRoot,
  yamlBibliographies,
} from '../../server/src/core/sources/discovery';
import { DiscoveryCache, discoverBibliographies, type DiscoveryInput } from '../../server/src/core/sources/bibliographySources';
import { MemoryWorkspace } from './memoryWorkspace';

const names = (found: Array<{ name: string }>) => found.map((item) => item.name);

describe('discovery: bibliographies named in LaTeX', () => {
  it('reads \\bibliography{a,b} with line breaks inside the braces, adding .bib when missing', () => {
    const text = 'Text.\n\\bibliography{refs,\n  chapters/more.bib ,\n  extra}\n';
    const found = latexBibliographies(text);
    assert.deepStrictEqual(names(found), ['refs.bib', 'chapters/more.bib', 'extra.bib']);
    assert.deepStrictEqual(found.map(({ line, character, length }) => [line, character, length]), [[1, 14, 4], [2, 2, 17], [3, 2, 5]]);
  });

  it('reads \\addbibresource with options, and skips comments, \\bibliographystyle and remote resources', () => {
    const text = [
      '\\bibliographystyle{plain}',
      '% \\addbibresource{old.bib}',
      '\\addbibresource[label=main]{refs.bib} % \\bibliography{commented}',
      '50\\% of cases \\addbibresource{second.bib}',
      '\\addbibresource[location=remote]{https://example.org/x.bib}',
      '\\addglobalbib{global.bib}',
    ].join('\n');
    assert.deepStrictEqual(names(latexBibliographies(text)), ['refs.bib', 'second.bib', 'global.bib']);
  });

  it('finds the files a root takes in, and the % !TEX root magic comment', () => {
    const root = '\\documentclass{book}\n\\input{chapters/intro}\n% \\include{old}\n\\include{ methods.tex }\n\\subimport{parts/}{results}\n';
    assert.deepStrictEqual(names(latexIncludes(root)), ['chapters/intro', 'methods.tex', 'parts/results']);
    const magic = latexMagicRoot('% !TEX root = ../thesis.tex\n\\section{Intro}\n');
    assert.deepStrictEqual(magic, { name: '../thesis.tex', line: 0, character: 14, length: 13 });
    assert.strictEqual(latexMagicRoot('\\section{Intro}\n'), undefined);
  });
});

describe('discovery: bibliographies named in YAML', () => {
  it('reads a string, a quoted string, a comment after it, a block list and a flow list', () => {
    assert.deepStrictEqual(names(frontMatterBibliographies('---\ntitle: T\nbibliography: refs.bib # comment\n---\nText\n')), ['refs.bib']);
    assert.deepStrictEqual(names(frontMatterBibliographies('---\nbibliography: "my refs.bib"\n---\n')), ['my refs.bib']);
    assert.deepStrictEqual(names(frontMatterBibliographies('---\nbibliography:\n  - a.bib\n  - "b.json" # second\n...\n')), ['a.bib', 'b.json']);
    assert.deepStrictEqual(names(frontMatterBibliographies("---\nbibliography: [a.bib, 'c.yaml']\n---\n")), ['a.bib', 'c.yaml']);
  });

  it('gives each name its place in the manuscript', () => {
    const found = frontMatterBibliographies('---\ntitle: T\nbibliography:\n  - a.bib\n  - "b.bib"\n---\n');
    assert.deepStrictEqual(found.map(({ line, character }) => [line, character]), [[3, 4], [4, 5]]);
  });

  it('needs front matter at the very start, and survives broken YAML', () => {
    assert.deepStrictEqual(frontMatterBibliographies('Text\n---\nbibliography: a.bib\n---\n'), []);
    assert.deepStrictEqual(names(frontMatterBibliographies('---\ntitle: [unclosed\nbibliography: a.bib\n---\n')), ['a.bib'], 'the parser recovers');
    assert.deepStrictEqual(frontMatterBibliographies('---\nbibliography: 3\n---\n'), []);
  });

  it('reads Quarto bibliographies at the top level and under each format, and Pandoc defaults under metadata', () => {
    const quarto = 'project:\n  type: book\nbibliography: references.bib\nformat:\n  html:\n    bibliography: web.bib\n  pdf:\n    toc: true\n';
    assert.deepStrictEqual(names(yamlBibliographies(quarto)), ['references.bib', 'web.bib']);
    assert.deepStrictEqual(names(yamlBibliographies('metadata:\n  bibliography: [d.bib]\n')), ['d.bib']);
  });

  it('leaves out remote bibliographies', () => {
    assert.deepStrictEqual(names(yamlBibliographies('bibliography:\n  - refs.bib\n  - https://api.citedrive.com/bib/x/references.bib\n')), ['refs.bib']);
  });

  it('knows the format from the extension', () => {
    assert.deepStrictEqual(['a.bib', 'b.json', 'c.yaml', 'd.yml', 'e'].map(formatOfBibliography), ['bibtex', 'csl-json', 'csl-yaml', 'csl-yaml', 'bibtex']);
  });
});

describe('discovery: the files a manuscript uses, over the workspace', () => {
  const discover = (files: Record<string, string>, uri: string, languageId: string, extra: Partial<DiscoveryInput> = {}) => {
    const workspace = new MemoryWorkspace(files);
    const text = files[uri.replace('file://', '')];
    return { workspace, result: discoverBibliographies({ uri, text, languageId, files: workspace, workspaceFolders: ['file:///work'], ...extra }) };
  };

  it('resolves front matter names from the manuscript folder, in order, without duplicates', async () => {
    const { result } = discover(
      { '/work/paper/draft.md': '---\nbibliography: [refs.bib, ../common.json, refs.bib]\n---\n', '/work/paper/refs.bib': '', '/work/common.json': '[]' },
      'file:///work/paper/draft.md',
      'markdown',
    );
    const { bibliographies, problems } = await result;
    assert.deepStrictEqual(bibliographies.map(({ uri, format }) => [uri, format]), [['file:///work/paper/refs.bib', 'bibtex'], ['file:///work/common.json', 'csl-json']]);
    assert.deepStrictEqual(bibliographies[0].namedBy, { uri: 'file:///work/paper/draft.md', line: 1, character: 15, length: 8 });
    assert.deepStrictEqual(problems, []);
  });

  it('a name outside the workspace is one problem at the command, and the file is never read', async () => {
    const text = 'Text \\cite{a}.\n\\addbibresource{../../../../etc/passwd}\n';
    const { workspace, result } = discover({ '/work/paper.tex': text }, 'file:///work/paper.tex', 'latex');
    const { bibliographies, problems } = await result;
    assert.deepStrictEqual(bibliographies, []);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].reason, 'outside-workspace');
    assert.match(problems[0].message, /^Bibliography not read: \/etc\/passwd is outside the workspace folders/);
    assert.deepStrictEqual(problems[0].at, { uri: 'file:///work/paper.tex', line: 1, character: 16, length: 22 });
    assert.deepStrictEqual(workspace.reads, []);
  });

  it('a missing named file is a problem at its name', async () => {
    const { result } = discover({ '/work/a.md': '---\nbibliography: gone.bib\n---\n' }, 'file:///work/a.md', 'markdown');
    const { problems } = await result;
    assert.deepStrictEqual(problems.map((problem) => [problem.reason, problem.at?.line, problem.at?.character]), [['not-found', 1, 14]]);
  });

  it("reads Manubot's metadata.yaml and manual references beside the chapters, or in content/ from the folder above", async () => {
    const files = {
      '/work/content/01.intro.md': 'Deep learning [@doi:10.1/x].\n',
      '/work/content/metadata.yaml': 'title: Review\nbibliography: extra.bib\n',
      '/work/content/extra.bib': '',
      '/work/content/manual-references.json': '[]',
      '/work/build/notes.md': 'Notes.\n',
    };
    const { bibliographies } = await discover(files, 'file:///work/content/01.intro.md', 'markdown').result;
    assert.deepStrictEqual(bibliographies.map(({ uri, namedBy }) => [uri, typeof namedBy === 'object' ? namedBy.uri : namedBy]), [
      ['file:///work/content/extra.bib', 'file:///work/content/metadata.yaml'],
      ['file:///work/content/manual-references.json', 'convention'],
    ]);
    const fromBuild = await discover(files, 'file:///work/build/notes.md', 'markdown').result;
    assert.deepStrictEqual(fromBuild.bibliographies.map(({ uri }) => uri), ['file:///work/content/extra.bib', 'file:///work/content/manual-references.json']);
  });

  it("reads Quarto's _quarto.yml from the folders above, up to the workspace folder", async () => {
    const files = {
      '/work/book/chapters/one.qmd': 'Text [@a].\n',
      '/work/book/_quarto.yml': 'project:\n  type: book\nbibliography: references.bib\n',
      '/work/book/references.bib': '',
      '/_quarto.yml': 'bibliography: outside.bib\n',
    };
    const { bibliographies, problems } = await discover(files, 'file:///work/book/chapters/one.qmd', 'quarto').result;
    assert.deepStrictEqual(bibliographies.map(({ uri }) => uri), ['file:///work/book/references.bib']);
    assert.deepStrictEqual(problems, []);
  });

  it("gives a LaTeX chapter its root's bibliographies: the root that \\input's it, or the one % !TEX root names", async () => {
    const files = {
      '/work/thesis/main.tex': '\\documentclass{book}\n\\begin{document}\n\\input{chapters/intro}\n\\bibliography{refs}\n\\end{document}\n',
      '/work/thesis/other.tex': '\\documentclass{article}\n\\input{unrelated}\n\\bibliography{wrong}\n',
      '/work/thesis/refs.bib': '',
      '/work/thesis/wrong.bib': '',
      '/work/thesis/chapters/intro.tex': '\\chapter{Intro}\nAs shown \\cite{a}.\n',
      '/work/thesis/chapters/magic.tex': '% !TEX root = ../other.tex\n\\chapter{Magic}\n',
    };
    const intro = await discover(files, 'file:///work/thesis/chapters/intro.tex', 'latex').result;
    assert.deepStrictEqual(intro.bibliographies.map(({ uri }) => uri), ['file:///work/thesis/refs.bib']);
    assert.deepStrictEqual(intro.bibliographies[0].namedBy, { uri: 'file:///work/thesis/main.tex', line: 3, character: 14, length: 4 });
    const magic = await discover(files, 'file:///work/thesis/chapters/magic.tex', 'latex').result;
    assert.deepStrictEqual(magic.bibliographies.map(({ uri }) => uri), ['file:///work/thesis/wrong.bib']);
    const root = await discover(files, 'file:///work/thesis/other.tex', 'latex').result;
    assert.deepStrictEqual(root.bibliographies.map(({ uri }) => uri), ['file:///work/thesis/wrong.bib'], 'a root has no root');
  });

  it('with a cache, scanning again for the root reads no file that did not change', async () => {
    const files = {
      '/work/main.tex': '\\documentclass{book}\n\\input{one}\n\\bibliography{refs}\n',
      '/work/refs.bib': '',
      '/work/one.tex': '\\chapter{One}\n',
    };
    const workspace = new MemoryWorkspace(files);
    const cache = new DiscoveryCache();
    const input = { uri: 'file:///work/one.tex', text: files['/work/one.tex'], languageId: 'latex', files: workspace, workspaceFolders: ['file:///work'], cache };
    const first = await discoverBibliographies(input);
    const readsAfterFirst = workspace.reads.length;
    const second = await discoverBibliographies(input);
    assert.deepStrictEqual(second, first);
    assert.deepStrictEqual(first.bibliographies.map(({ uri }) => uri), ['file:///work/refs.bib']);
    assert.ok(readsAfterFirst > 0);
    assert.strictEqual(workspace.reads.length, readsAfterFirst);
  });

  it('adds the files of the secretome.bibliographies setting: paths and globs from the workspace folder', async () => {
    const files = { '/work/a.md': 'Text.\n', '/work/refs/one.bib': '', '/work/refs/deep/two.bib': '', '/work/refs/notes.txt': '' };
    const { bibliographies, problems } = await discover(files, 'file:///work/a.md', 'markdown', {
      settings: ['refs/**/*.bib', 'library.json'],
    }).result;
    assert.deepStrictEqual(bibliographies.map(({ uri, namedBy }) => [uri, namedBy]), [
      ['file:///work/refs/deep/two.bib', 'setting'],
      ['file:///work/refs/one.bib', 'setting'],
    ]);
    assert.deepStrictEqual(problems.map((problem) => [problem.reason, problem.at]), [['not-found', undefined]]);
  });
});
