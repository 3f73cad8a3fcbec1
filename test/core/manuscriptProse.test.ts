import { strict as assert } from 'node:assert';
import { isProse, parseManuscript } from '../../server/src/core/manuscript';
import type { ManuscriptLanguage } from '../../server/src/core/manuscript/types';
import { marked } from './manuscriptMarkers';

/**
 * Each case is a document with «» around everything that is NOT prose; every other visible character must be
 * prose. Whitespace may fall either way. A failure shows the document as the parser sees it.
 */
function checkProse(language: ManuscriptLanguage, input: string): void {
  const { text, spans } = marked(input);
  const manuscript = parseManuscript(text, language);
  const expectedOutside = new Uint8Array(text.length);
  for (const span of spans) expectedOutside.fill(1, span.start, span.end);
  const parts: string[] = [];
  let outside = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const isOutside = /\s/.test(char) ? expectedOutside[i] === 1 : !isProse(manuscript, i);
    if (isOutside !== outside) parts.push(isOutside ? '«' : '»');
    outside = isOutside;
    parts.push(char);
  }
  if (outside) parts.push('»');
  assert.equal(parts.join(''), normalise(input));
}

/** The input as checkProse renders it: adjacent marked regions merge (`»«` disappears). */
function normalise(input: string): string {
  return input.replace(/»«/g, '');
}

const markdown: [string, string][] = [
  ['plain paragraph', 'Growth factors help healing [17].'],
  ['YAML front matter', '«---\ntitle: Secretome [1]\n---»\nText after.'],
  ['TOML front matter', '«+++\ntitle = "x"\n+++»\nText after.'],
  ['unclosed front matter is text', '«---»\ntitle: x'],
  ['fenced code', 'Before.\n\n«```ts\nconst x = [1];\n```»\n\nAfter.'],
  ['tilde fence', 'Before.\n«~~~\ncode [2]\n~~~»\nAfter.'],
  ['unclosed fence runs to the end', 'Before.\n«```\ncode [2]\nmore»'],
  ['indented code', 'Before.\n\n«    code [1]\n    more»\n\nAfter.'],
  ['indented line continuing a paragraph is prose', 'Before\n    still the paragraph.'],
  ['inline code', 'Growth factors «`code [3]`» help.'],
  ['double backtick code', 'A «``code ` tick``» here.'],
  ['unmatched backtick is text', 'A ` tick and ``` more.'],
  ['HTML comment', 'Visible «<!-- hidden [6] -->» text.'],
  ['multi-line HTML comment', 'Visible «<!-- hidden\n[6] -->» text.'],
  ['HTML tags', 'A «<sup>»2«</sup>» and «<br/>» break.'],
  ['autolink', 'See «<https://example.org>» now.'],
  ['link keeps its text', 'See «[»the review«](https://doi.org/10.5281/zenodo.14949822)» for more.'],
  ['link with title', 'See «[»text«](http://x.org "Title")» now.'],
  ['link with parentheses in the URL', 'See «[»text«](https://en.wikipedia.org/wiki/A_(b))» now.'],
  ['bare URL', 'See «https://example.org/path?q=1», then «www.example.org».'],
  ['bare URL in parentheses', 'Data («https://x.org/a») were used.'],
  ['image alt text is prose', '«![»Wound healing with secretome«](img/wound.png)»'],
  ['footnote reference', 'A claim«[^1]» here.'],
  ['footnote definition', '«[^1]:» The note text.'],
  ['footnote definition with an indented continuation', '«[^1]:» The note text\n    continues here.'],
  ['link reference definition', 'Text.\n\n«[1]: https://example.org "Title"»'],
  ['heading marker', '«## »Secretome therapy'],
  ['closing hashes', '«# »Title «##»'],
  ['heading attributes', '«# »Methods «{#sec:methods .unnumbered}»'],
  ['list markers', '«- »first\n«* »second\n«1. »third'],
  ['task boxes', '«- [ ] »open task\n«- [x] »done task'],
  ['block quote', '«> »Quoted text [3].'],
  ['table pipes and delimiter row', '«|» Factor «|» Effect «|»\n«|---|:---:|»\n«|» FGF «|» repair [17] «|»'],
  ['thematic break', 'Above.\n\n«***»\n\nBelow.'],
  ['inline math', 'A value «$x^2$» here, but $5 and $6 are money.'],
  ['display math block', 'Before.\n\n«$$\nx = [1]\n$$»\n\nAfter.'],
  ['escaped bracket stays prose', 'Escaped \\[1\\] text.'],
  ['reference list to the end', 'Body [1].\n\n«## References\n\n1. Caseiro AR [45].»'],
  ['reference list ends at a heading of the same level', 'Body.\n«## References\n1. A.\n### Sub\nB.»\n«## »Appendix\nMore.'],
  ['bold-line reference list', 'Body.\n\n«**References**\n\n1. A.»'],
  ['Setext reference heading', 'Body.\n\n«Bibliography\n============\n\n1. A.»'],
  ['numbered upper-case reference heading', 'Body.\n\n«## VII. REFERENCES\n\n[1] A.»'],
  ['Works Cited', 'Body.\n\n«# Works Cited\n- A.»'],
];

const latex: [string, string][] = [
  ['preamble and document environment', '«\\documentclass{article}\n\\usepackage{natbib}\n\\title{T}\n\\begin{document}»\nText [1].\n«\\end{document}\nafter»'],
  ['comment', 'Text «% comment [5]»\nmore.'],
  ['escaped percent is prose', 'Fifty \\% of cells.'],
  ['comment after a line break command', 'Text«\\\\% comment»\nmore.'],
  ['inline math', 'The value «$x = 3.5$» was found.'],
  ['display math', 'Value «$$x = 1$$» and «\\(y\\)» and «\\[z\\]».'],
  ['equation environment', 'Before.\n«\\begin{equation}\na = b [9]\n\\end{equation}»\nAfter.'],
  ['starred align environment', 'Before «\\begin{align*}\na &= b\n\\end{align*}» after.'],
  ['labels and references', 'See Fig.~«\\ref{fig:one}» and Eq.~«\\eqref{eq:a}»«\\label{sec:x}».'],
  ['section title is prose', '«\\section{»Introduction«}\\label{sec:intro}»'],
  ['starred section with short title', '«\\subsection*[Short]{»Long title«}»'],
  ['text commands keep their text', '«\\emph{»Secretome«}» and «\\textbf{»exosomes«}».'],
  ['caption', '«\\caption{»Growth factors heal wounds.«}»'],
  ['URL', 'See «\\url{https://x.org}» now.'],
  ['href keeps its text', 'See «\\href{https://x.org}{»this page«}».'],
  ['includegraphics', '«\\includegraphics[width=0.5\\textwidth]{fig.png}»'],
  ['bibliography commands', '«\\bibliographystyle{plain}\n\\bibliography{refs}»'],
  ['cite commands stay prose', 'As shown \\citep[see][p.~3]{caseiro2019}.'],
  ['verbatim', 'Before «\\begin{verbatim}\ncode [10]\n\\end{verbatim}» after.'],
  ['lstlisting', 'Before «\\begin{lstlisting}[language=R]\nx <- 1\n\\end{lstlisting}» after.'],
  ['verb', 'Use «\\verb|x[1]|» here.'],
  ['itemize', '«\\begin{itemize}\n\\item »First.\n«\\item[b)] »Second.\n«\\end{itemize}»'],
  ['tabular cells', '«\\begin{tabular}{lc}»\nCell «&» value «\\\\\n\\hline»\n«\\end{tabular}»'],
  ['figure environment', '«\\begin{figure}[htbp]\n\\centering»\n«\\caption{»Text.«}»\n«\\end{figure}»'],
  ['unknown command and its optional argument', '«\\foo[opt]»text and «\\ldots» more.'],
  ['thebibliography', 'Body.\n«\\begin{thebibliography}{9}\n\\bibitem{a} A.\n\\end{thebibliography}»'],
  ['reference section until the next section', 'Body.\n«\\section*{References}\nA. [1]\n»«\\section{»Appendix«}»\nMore.'],
  ['unclosed math ends at the paragraph', 'Text «$x = 1\n»\n\nNext paragraph.'],
];

const plaintext: [string, string][] = [
  ['everything is prose', 'Growth factors [11-18] help `code` <b>'],
  ['bare URLs', 'See «https://example.org» now.'],
  ['reference list to the end', 'Body [1].\n\n«References\n1. A.\n\nMore.»'],
];

describe('manuscript prose', () => {
  for (const [language, cases] of [['markdown', markdown], ['latex', latex], ['plaintext', plaintext]] as const) {
    describe(language, () => {
      for (const [name, input] of cases) it(name, () => checkProse(language, input));
    });
  }

  describe('reference list start', () => {
    const cases: [ManuscriptLanguage, string][] = [
      ['markdown', 'Body [1].\n\n«## References\n1. A.'],
      ['markdown', 'Body.\n\n«**Bibliography**\n1. A.'],
      ['latex', 'Body.\n«\\section*{References}\nA.'],
      ['latex', 'Body.\n«\\begin{thebibliography}{9}\n\\bibitem{a} A.\n\\end{thebibliography}'],
      ['plaintext', 'Body.\n\n«Literature Cited\nA.'],
    ];
    for (const [language, input] of cases) {
      it(`${language}: ${JSON.stringify(input)}`, () => {
        const { text, spans } = marked(input.includes('»') ? input : `${input}»`);
        assert.equal(parseManuscript(text, language).referenceListStart, spans[0]!.start);
      });
    }
    it('is absent without a reference list', () => {
      assert.equal(parseManuscript('# Results\n\nReferences are cited [1].', 'markdown').referenceListStart, undefined);
    });
    it('leaves citations in the reference list out', () => {
      const manuscript = parseManuscript('Body [1].\n\n## References\n\n[2] A. [3]', 'markdown');
      assert.deepEqual(manuscript.citations.map((citation) => citation.numbers), [[1]]);
    });
  });

  describe('citations only in prose', () => {
    const cases: [ManuscriptLanguage, string, string[]][] = [
      ['markdown', 'Text [1] `code [2]` <!-- [3] --> [four](http://x.org/[5]) [6]', ['[1]', '[6]']],
      ['markdown', '```\n[1]\n```\n\n[2]', ['[2]']],
      ['markdown', 'A link [@key](https://example.org) and [1](https://example.org).', []],
      ['latex', 'Text [1] % [2]\n$[3]$ \\cite{a} \\label{[4]}', ['[1]', '\\cite{a}']],
      ['plaintext', 'Text [1] and [2-3].', ['[1]', '[2-3]']],
    ];
    for (const [language, text, expected] of cases) {
      it(`${language}: ${JSON.stringify(text)}`, () => {
        const manuscript = parseManuscript(text, language);
        assert.deepEqual(manuscript.citations.map((citation) => text.slice(citation.start, citation.end)), expected);
      });
    }
  });
});
