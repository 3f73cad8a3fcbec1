import { strict as assert } from 'node:assert';
import { parseManuscript } from '../../server/src/core/manuscript';
import type { Manuscript, Span } from '../../server/src/core/manuscript/types';

/** Inputs that must neither crash nor hang the parser. No timing is asserted (speed lives in `npm run bench`). */
const inputs: [string, string][] = [
  ['empty', ''],
  ['only whitespace', ' \n\n\t \r\n'],
  ['binary garbage', Array.from({ length: 50000 }, (_, i) => String.fromCharCode((i * 7919 + 17) % 65536)).join('')],
  ['NUL bytes and lone surrogates', '\u0000\ud800[1]\udfff \u0000'.repeat(1000)],
  ['5 MB single line of prose', 'Secretome aids healing [17]. '.repeat(180000)],
  ['5 MB single line without spaces', 'x'.repeat(5_000_000)],
  ['absurd range', 'The secretome works [1-99999999].'],
  ['unclosed brackets', '['.repeat(50000) + ' Exosomes [1, 2 and more'],
  ['deeply nested brackets and braces', '['.repeat(100000) + '{'.repeat(100000) + '1' + '}'.repeat(99999) + ']'.repeat(99999)],
  ['unclosed everything', '```\n$x \\( \\[ <!-- <a [a](b "c \\begin{equation} \\cite{a \\verb|x {\\emph{ ---\n'.repeat(2000)],
  ['many link openers', '[a](x'.repeat(200000)],
  ['many optional arguments', '\\x[\\y[{'.repeat(100000)],
  ['many backtick runs of different lengths', Array.from({ length: 2000 }, (_, i) => '`'.repeat(i + 1) + ' a ').join('')],
  ['many unclosed tags and dollars', '<a $b '.repeat(200000)],
  ['many at-signs', '@a@b @'.repeat(200000)],
  ['a megabyte of ranges in one citation', `[${'1-200, '.repeat(150000)}]`],
  ['unclosed environments, then unmatched ends', '\\begin{itemize}'.repeat(100000) + '\\end{x}'.repeat(100000)],
  ['headings ending in braces', '# a}\n'.repeat(100000)],
  ['only citations', Array.from({ length: 5000 }, (_, i) => `[${i}]`).join(' ')],
  ['many identifiers', '[@doi:10.1/x; @url:https://a.org/b/; @tag:'.repeat(100000)],
  ['identifier-like runs of punctuation', '@doi:' + ':/.'.repeat(1_000_000)],
  ['many braced keys, unclosed', '@{a '.repeat(200000)],
  ['many multi-cite groups', '\\cites' + '[a][b]{k}'.repeat(200000)],
  ['many unclosed multi-cites', '\\cites(a)(b)[c]'.repeat(100000)],
  ['many iffalse, all closed', '\\iffalse x \\fi '.repeat(100000)],
  ['one unclosed iffalse among many ifs', '\\iffalse' + ' \\ifx a'.repeat(200000)],
  ['a long line of input commands', '\\input{x} \\input[ '.repeat(200000)],
  ['a long line of bibliography commands after a comment', 'a % ' + '\\bibliography{a,b} '.repeat(200000)],
  ['many bibitems', '\\begin{thebibliography}{9}\n' + '\\bibitem{k} Smith J. T. J. 2001;1:1.\n'.repeat(50000)],
  ['a huge numbered reference list', '# References\n' + '1. Smith J, Doe A. Title. J. 2001;1(2):3-4.\n'.repeat(50000)],
  ['many key definitions', '[@tag:x]: doi:10.1/x\n'.repeat(100000)],
  ['CRLF line ends', '# Title\r\n\r\nText [1].\r\nMore.\r\n'],
];

function assertSortedSpans(spans: readonly Span[], length: number, what: string): void {
  let previousEnd = 0;
  for (const span of spans) {
    assert.ok(span.start >= previousEnd && span.start < span.end && span.end <= length, `${what} out of order or range`);
    previousEnd = span.end;
  }
}

function assertConsistent(manuscript: Manuscript): void {
  const length = manuscript.text.length;
  assertSortedSpans(manuscript.prose, length, 'prose');
  assertSortedSpans(manuscript.paragraphs, length, 'paragraphs');
  assertSortedSpans(manuscript.sentences, length, 'sentences');
  assertSortedSpans(manuscript.citations, length, 'citations');
  for (const citation of manuscript.citations) {
    assert.ok(citation.numbers.length <= 200 * Math.max(1, citation.entries.length), 'numbers are bounded');
  }
}

describe('manuscript bad input', () => {
  for (const [name, text] of inputs) {
    for (const language of ['markdown', 'latex', 'plaintext'] as const) {
      it(`${language}: ${name}`, () => assertConsistent(parseManuscript(text, language)));
    }
  }

  it('never expands [1-99999999]', () => {
    const [citation] = parseManuscript('Works [1-99999999].', 'markdown').citations;
    assert.deepEqual(citation?.numbers, []);
    assert.equal(citation?.entries[0]?.problem, 'absurd-range');
  });

  it('reads CRLF documents like LF ones', () => {
    const manuscript = parseManuscript('# Title\r\n\r\nText [1].\r\nMore.\r\n', 'markdown');
    assert.deepEqual(manuscript.sentences.map((sentence) => [sentence.kind, sentence.text]), [['heading', 'Title'], ['prose', 'Text [1].'], ['prose', 'More.']]);
  });

  it('reads an empty document as empty', () => {
    for (const language of ['markdown', 'latex', 'plaintext'] as const) {
      const manuscript = parseManuscript('', language);
      assert.deepEqual([manuscript.prose, manuscript.paragraphs, manuscript.sentences, manuscript.citations], [[], [], [], []]);
      assert.equal(manuscript.referenceListStart, undefined);
    }
  });
});
