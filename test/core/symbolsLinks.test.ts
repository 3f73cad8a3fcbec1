/** Document symbols (headings nested, the own list's entries under their heading) and links on named files. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { MemoryWorkspace } from './memoryWorkspace';
import { config, service } from './support';

/** "Results > Wound healing": each symbol as an indented line with its detail. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [`${'  '.repeat(depth)}${symbol.name}${symbol.detail ? ` — ${symbol.detail}` : ''}`, ...outline(symbol.children ?? [], depth + 1)]);
}

describe('document symbols', () => {
  it('nests Markdown headings and puts the reference list entries under the References heading', () => {
    const text = [
      '---',
      'title: "# not a heading"',
      '---',
      '# Results {#sec:results}',
      'Text.',
      '## Wound healing',
      '```',
      '# not a heading either',
      '```',
      '### Closure',
      '## Vesicles',
      '# References',
      '',
      '1. Caseiro AR, Pedrosa SS. The secretome in wound healing. PLoS ONE. 2019;14(11):1-33.',
      '2. Smith J. Another entry.',
      '',
    ].join('\n');
    const document = TextDocument.create('file:///symbols/a.md', 'markdown', 1, text);
    const symbols = service().documentSymbols(document);
    assert.deepStrictEqual(outline(symbols), [
      'Results',
      '  Wound healing',
      '    Closure',
      '  Vesicles',
      'References',
      '  [1] — Caseiro 2019, The secretome in wound healing',
      '  [2] — Smith, Another entry',
    ]);
    assert.deepStrictEqual(symbols[0]!.selectionRange, { start: { line: 3, character: 0 }, end: { line: 3, character: 24 } });
    assert.deepStrictEqual(symbols[0]!.range.end, { line: 10, character: 11 }, 'Results runs to the line before # References');
  });

  it('nests setext headings like ATX ones; a thematic break, front matter or an underlined list item is not a heading', () => {
    const text = [
      '---',
      'title: Setext',
      '---',
      'Secretome therapy',
      '  in wound healing',
      '=================',
      '',
      'Text.',
      '',
      '---',
      '',
      'Methods',
      '-------',
      '### Sampling',
      '- a list item',
      '---',
      'Results {#sec:results}',
      '---',
      '    indented code',
      '    ---',
      'References',
      '==========',
      '',
      '1. Caseiro AR, Pedrosa SS. The secretome in wound healing. PLoS ONE. 2019;14(11):1-33.',
      '',
    ].join('\n');
    const document = TextDocument.create('file:///symbols/setext.md', 'markdown', 1, text);
    const symbols = service().documentSymbols(document);
    assert.deepStrictEqual(outline(symbols), [
      'Secretome therapy in wound healing',
      '  Methods',
      '    Sampling',
      '  Results',
      'References',
      '  [1] — Caseiro 2019, The secretome in wound healing',
    ]);
    const [title, references] = symbols;
    // The heading is its text lines and its underline; it spans to the next level-1 heading, blank lines left out.
    assert.deepStrictEqual(title!.selectionRange, { start: { line: 3, character: 0 }, end: { line: 5, character: 17 } });
    assert.deepStrictEqual(title!.range, { start: { line: 3, character: 0 }, end: { line: 19, character: 7 } });
    const [methods, results] = title!.children!;
    assert.deepStrictEqual(methods!.range, { start: { line: 11, character: 0 }, end: { line: 15, character: 3 } });
    assert.deepStrictEqual(results!.selectionRange, { start: { line: 16, character: 0 }, end: { line: 17, character: 3 } });
    assert.deepStrictEqual(references!.selectionRange, { start: { line: 20, character: 0 }, end: { line: 21, character: 10 } });
  });

  it('nests LaTeX sections (starred, short titles, commented ones left out) and lists \\bibitem entries', () => {
    const text = [
      '\\section{Introduction}',
      '% \\section{Old}',
      '\\subsection*[Aims]{Aims of \\emph{this} work}',
      '\\section{Methods}',
      '\\begin{thebibliography}{9}',
      '\\bibitem{alpha} A. First.',
      '\\end{thebibliography}',
    ].join('\n');
    const document = TextDocument.create('file:///symbols/b.tex', 'latex', 1, text);
    assert.deepStrictEqual(outline(service().documentSymbols(document)), ['Introduction', '  Aims of this work', 'Methods', '  alpha — A. First.']);
  });
});

describe('document links', () => {
  const files = new MemoryWorkspace({
    '/work/paper/main.tex': '',
    '/work/paper/refs.bib': '',
    '/work/paper/chapters/intro.tex': '',
    '/work/paper/notes.md': '',
    '/work/outside.bib': '',
  }, '/work/paper');

  it('links \\bibliography{refs}, \\input chapters and % !TEX root to the files that exist inside the workspace', async () => {
    const text = '% !TEX root = main.tex\n\\input{chapters/intro}\n\\input{chapters/missing}\n\\bibliography{refs,../outside}\n';
    const document = TextDocument.create('file:///work/paper/x.tex', 'latex', 1, text);
    const links = await service().documentLinks(document, config(), files);
    assert.deepStrictEqual(
      links.map((link) => [document.getText(link.range), link.target]),
      [
        ['main.tex', 'file:///work/paper/main.tex'],
        ['chapters/intro', 'file:///work/paper/chapters/intro.tex'],
        ['refs', 'file:///work/paper/refs.bib'],
      ],
    );
  });

  it('links a front-matter bibliography: of a Markdown file; none for an unsaved document', async () => {
    const text = '---\nbibliography: [refs.bib, gone.bib]\n---\n# Title\n';
    const document = TextDocument.create('file:///work/paper/notes.md', 'markdown', 1, text);
    const links = await service().documentLinks(document, config(), files);
    assert.deepStrictEqual(links.map((link) => [document.getText(link.range), link.target]), [['refs.bib', 'file:///work/paper/refs.bib']]);
    const untitled = TextDocument.create('untitled:Untitled-1', 'markdown', 1, text);
    assert.deepStrictEqual(await service().documentLinks(untitled, config(), files), []);
  });
});
