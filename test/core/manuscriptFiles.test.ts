import { strict as assert } from 'node:assert';
import { parseManuscript } from '../../server/src/core/manuscript';
import { findKeyDefinitions } from '../../server/src/core/manuscript/definitions';
import { findLatexFiles } from '../../server/src/core/manuscript/latexFiles';
import { marked, slices } from './manuscriptMarkers';

interface FilesCase {
  name: string;
  /** The names or paths between « and », in document order. */
  input: string;
  commands: string[];
}

const bibliographyCases: FilesCase[] = [
  { name: 'one file', input: '\\bibliography{«refs»}', commands: ['bibliography'] },
  { name: 'a comma list', input: '\\bibliography{«refs», «extra/more»}', commands: ['bibliography', 'bibliography'] },
  { name: 'line breaks and a comment inside', input: '\\bibliography{«a»,%first\n  «b»,\n  «c»}', commands: ['bibliography', 'bibliography', 'bibliography'] },
  { name: 'a line break before the brace', input: '\\bibliography\n{«refs»}', commands: ['bibliography'] },
  { name: 'addbibresource with options', input: '\\addbibresource[location=remote, label=lib]{«https://example.org/lib.bib»}', commands: ['addbibresource'] },
  { name: 'addbibresource, addglobalbib, addsectionbib', input: '\\addbibresource{«one.bib»}\n\\addglobalbib{«two.bib»}\n\\addsectionbib[datatype=bibtex]{«three.bib»}', commands: ['addbibresource', 'addglobalbib', 'addsectionbib'] },
  { name: 'a commented-out command is ignored', input: '% \\bibliography{old}\n\\bibliography{«new»} % \\addbibresource{x.bib}', commands: ['bibliography'] },
  { name: 'an escaped percent does not comment', input: '50\\% done \\bibliography{«refs»}', commands: ['bibliography'] },
  { name: 'bibliographystyle is not a bibliography', input: '\\bibliographystyle{plain}\\bibliography{«refs»}', commands: ['bibliography'] },
  { name: 'an unclosed brace names nothing', input: '\\bibliography{refs\n\nText.', commands: [] },
];

const includeCases: FilesCase[] = [
  { name: 'input, include and subfile', input: '\\input{«chapters/intro»}\n\\include{«methods.tex»}\n\\subfile{«sub/results»}', commands: ['input', 'include', 'subfile'] },
  { name: 'a magic root comment', input: '% !TEX root = «../main.tex»\n\\section{Intro}', commands: ['root'] },
  { name: 'a magic root comment in any case', input: '%!tex root=«main.tex»\n', commands: ['root'] },
  { name: 'commented-out input is ignored', input: '%\\input{old}\n\\input{«new»}', commands: ['input'] },
  { name: 'TeX primitive input without braces: the name ends at whitespace or the line end', input: '\\input «chapters/intro»\n\\include  methods.tex % a macro: it would take the letter m\n\\input\t«appendix»', commands: ['input', 'input'] },
  { name: 'brace-less input: commented out, a braced argument after spaces, a longer command name', input: '% \\input old\n\\input {«braced»}\n\\inputlineno 3\n\\input\n', commands: ['input'] },
  { name: 'includegraphics and inputenc are not includes', input: '\\usepackage[utf8]{inputenc}\\includegraphics{fig.png}\\input{«a»}', commands: ['input'] },
];

describe('manuscript: the bibliographies a LaTeX file names', () => {
  for (const testCase of bibliographyCases) {
    it(testCase.name, () => {
      const { text, spans } = marked(testCase.input);
      const found = findLatexFiles(text).bibliographyCommands;
      assert.deepEqual(found.map((command) => command.name), slices(text, spans));
      assert.deepEqual(found.map((command) => text.slice(command.span.start, command.span.end)), slices(text, spans));
      assert.deepEqual(found.map((command) => command.command), testCase.commands);
    });
  }
});

describe('manuscript: the files a LaTeX file includes', () => {
  for (const testCase of includeCases) {
    it(testCase.name, () => {
      const { text, spans } = marked(testCase.input);
      const found = findLatexFiles(text).includes;
      assert.deepEqual(found.map((include) => include.path), slices(text, spans));
      assert.deepEqual(found.map((include) => text.slice(include.span.start, include.span.end)), slices(text, spans));
      assert.deepEqual(found.map((include) => include.command), testCase.commands);
    });
  }

  it('parseManuscript exposes both for LaTeX, and neither for Markdown', () => {
    const latex = parseManuscript('% !TEX root = main.tex\n\\input{a}\nText.\n\\bibliography{refs,more}\n', 'latex');
    assert.deepEqual(latex.bibliographyCommands?.map((command) => command.name), ['refs', 'more']);
    assert.deepEqual(latex.includes?.map((include) => `${include.command}:${include.path}`), ['root:main.tex', 'input:a']);
    const markdown = parseManuscript('\\bibliography{refs}\n', 'markdown');
    assert.equal(markdown.bibliographyCommands, undefined);
    assert.equal(markdown.includes, undefined);
  });
});

describe('manuscript: Manubot key definitions', () => {
  it('reads [@tag:x]: target lines, with their identifiers, first definition kept', () => {
    const text = [
      'Text [@tag:Abe].',
      '',
      '[@tag:Abe]: doi:10.1101/gr.634603',
      '[@tag:Aitchison2017]: url:http://papers.nips.cc/paper/6940',
      '[@issue]: url:https://github.com/manubot/manubot/pull/189',
      '[@tag:Abe]: doi:10.9999/second',
      '[@tag:bad]: doi:10.12/x',
      '',
    ].join('\n');
    const definitions = findKeyDefinitions(text);
    assert.deepEqual([...definitions.keys()], ['tag:Abe', 'tag:Aitchison2017', 'issue', 'tag:bad']);
    const abe = definitions.get('tag:Abe')!;
    assert.equal(abe.target, 'doi:10.1101/gr.634603');
    assert.deepEqual(abe.identifier, { scheme: 'doi', value: '10.1101/gr.634603', wellFormed: true });
    assert.equal(text.slice(abe.span.start, abe.span.end), '[@tag:Abe]: doi:10.1101/gr.634603');
    assert.equal(definitions.get('tag:Aitchison2017')!.identifier?.scheme, 'url');
    assert.equal(definitions.get('tag:bad')!.identifier?.wellFormed, false);
  });

  it('reads citekey-aliases from the front matter', () => {
    const text = '---\ntitle: x\ncitekey-aliases:\n  meta-review: https://greenelab.github.io/meta-review/\n  tag:deep-review: doi:10.1098/rsif.2017.0387\nother: y\n---\nText.\n';
    const definitions = findKeyDefinitions(text);
    assert.deepEqual([...definitions.keys()], ['meta-review', 'tag:deep-review']);
    assert.equal(definitions.get('tag:deep-review')!.target, 'doi:10.1098/rsif.2017.0387');
    assert.equal(definitions.get('meta-review')!.identifier?.scheme, 'url');
  });

  it('ignores definitions in fenced code and lines that only start with a citation', () => {
    const text = '```\n[@tag:inCode]: doi:10.1101/gr.634603\n```\n[@tag:Ciresan2013_mitosis] developed one of the earliest approaches.\n';
    assert.deepEqual([...findKeyDefinitions(text).keys()], []);
  });

  it('definition lines are neither prose nor citations', () => {
    const text = 'Text [@tag:Abe] here.\n\n[@tag:Abe]: doi:10.1101/gr.634603\n';
    const manuscript = parseManuscript(text, 'markdown');
    assert.deepEqual(slices(text, manuscript.prose).map((piece) => piece.trim()), ['Text [@tag:Abe] here.']);
    assert.equal(manuscript.citations.length, 1);
    assert.equal(manuscript.tagDefinitions?.get('tag:Abe')?.target, 'doi:10.1101/gr.634603');
  });
});
