import { strict as assert } from 'node:assert';
import { findCitations } from '../../server/src/core/manuscript/citations';
import type { Citation, CitationProblem, ManuscriptLanguage } from '../../server/src/core/manuscript/types';
import { marked, slices } from './manuscriptMarkers';

interface Expected {
  syntax: Citation['syntax'];
  command?: string;
  /** Entry texts as written, in order. */
  entries: string[];
  /** Problems per entry, `-` for none; omitted when no entry has one. */
  problems?: (CitationProblem | '-')[];
  numbers?: number[];
  keys?: string[];
}

interface Case {
  language: ManuscriptLanguage;
  /** The citations of the input, each between « and ». */
  input: string;
  expected: Expected[];
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const numericCases: Case[] = [
  { language: 'markdown', input: 'Secretome reduces inflammation «[13]».', expected: [{ syntax: 'numeric', entries: ['13'], numbers: [13] }] },
  { language: 'markdown', input: 'Growth factors «[11-18]» help.', expected: [{ syntax: 'numeric', entries: ['11-18'], numbers: range(11, 18) }] },
  { language: 'markdown', input: 'Growth factors «[11–18]» help.', expected: [{ syntax: 'numeric', entries: ['11–18'], numbers: range(11, 18) }] },
  { language: 'markdown', input: 'Growth factors «[11—18]» help.', expected: [{ syntax: 'numeric', entries: ['11—18'], numbers: range(11, 18) }] },
  { language: 'markdown', input: 'Spaced «[11 - 13]» range.', expected: [{ syntax: 'numeric', entries: ['11 - 13'], numbers: [11, 12, 13] }] },
  { language: 'markdown', input: 'Mixed «[1, 3-5]» list.', expected: [{ syntax: 'numeric', entries: ['1', '3-5'], numbers: [1, 3, 4, 5] }] },
  { language: 'markdown', input: 'Tight «[1,3,5]» list.', expected: [{ syntax: 'numeric', entries: ['1', '3', '5'], numbers: [1, 3, 5] }] },
  { language: 'markdown', input: 'Semicolons «[1; 3]».', expected: [{ syntax: 'numeric', entries: ['1', '3'], numbers: [1, 3] }] },
  { language: 'markdown', input: 'Written order «[5, 2]» is kept.', expected: [{ syntax: 'numeric', entries: ['5', '2'], numbers: [5, 2] }] },
  { language: 'markdown', input: 'Two «[1]»«[2]» adjacent.', expected: [{ syntax: 'numeric', entries: ['1'], numbers: [1] }, { syntax: 'numeric', entries: ['2'], numbers: [2] }] },
  { language: 'markdown', input: 'Across a line «[1,\n2]» break.', expected: [{ syntax: 'numeric', entries: ['1', '2'], numbers: [1, 2] }] },
  { language: 'plaintext', input: 'Plain text «[7]» too.', expected: [{ syntax: 'numeric', entries: ['7'], numbers: [7] }] },
  { language: 'latex', input: 'LaTeX prose with a typed «[7]» too.', expected: [{ syntax: 'numeric', entries: ['7'], numbers: [7] }] },
  { language: 'markdown', input: 'Outer brackets [see «[3]»] stay text.', expected: [{ syntax: 'numeric', entries: ['3'], numbers: [3] }] },
];

const problemCases: Case[] = [
  { language: 'markdown', input: 'Reversed «[18-11]».', expected: [{ syntax: 'numeric', entries: ['18-11'], problems: ['reversed-range'], numbers: range(11, 18) }] },
  { language: 'markdown', input: 'Dangling «[40-]».', expected: [{ syntax: 'numeric', entries: ['40-'], problems: ['dangling-range'], numbers: [] }] },
  { language: 'markdown', input: 'Dangling «[-3]».', expected: [{ syntax: 'numeric', entries: ['-3'], problems: ['dangling-range'], numbers: [] }] },
  { language: 'markdown', input: 'Empty «[]».', expected: [{ syntax: 'numeric', entries: [''], problems: ['empty'], numbers: [] }] },
  { language: 'markdown', input: 'Trailing «[13, ]».', expected: [{ syntax: 'numeric', entries: ['13', ' '], problems: ['-', 'empty'], numbers: [13] }] },
  { language: 'markdown', input: 'Twice «[13, 13]».', expected: [{ syntax: 'numeric', entries: ['13', '13'], problems: ['-', 'duplicate'], numbers: [13] }] },
  { language: 'markdown', input: 'Covered «[11-18, 13]».', expected: [{ syntax: 'numeric', entries: ['11-18', '13'], problems: ['-', 'duplicate'], numbers: range(11, 18) }] },
  { language: 'markdown', input: 'Covering «[13, 11-18]».', expected: [{ syntax: 'numeric', entries: ['13', '11-18'], problems: ['-', 'duplicate'], numbers: [13, 11, 12, ...range(14, 18)] }] },
  { language: 'markdown', input: 'Absurd «[1-99999999]».', expected: [{ syntax: 'numeric', entries: ['1-99999999'], problems: ['absurd-range'], numbers: [] }] },
  { language: 'markdown', input: 'Absurd reversed «[99999999-1]».', expected: [{ syntax: 'numeric', entries: ['99999999-1'], problems: ['absurd-range'], numbers: [] }] },
  { language: 'markdown', input: 'Just long enough «[1-200]».', expected: [{ syntax: 'numeric', entries: ['1-200'], numbers: range(1, 200) }] },
  { language: 'markdown', input: 'One too many «[1-201]».', expected: [{ syntax: 'numeric', entries: ['1-201'], problems: ['absurd-range'], numbers: [] }] },
  { language: 'markdown', input: `Huge «[${'9'.repeat(400)}]».`, expected: [{ syntax: 'numeric', entries: ['9'.repeat(400)], numbers: [] }] },
  { language: 'latex', input: 'Empty «\\cite{}».', expected: [{ syntax: 'latex', command: 'cite', entries: [''], problems: ['empty'], keys: [] }] },
  { language: 'latex', input: 'Gap «\\cite{a,,b}».', expected: [{ syntax: 'latex', command: 'cite', entries: ['a', '', 'b'], problems: ['-', 'empty', '-'], keys: ['a', 'b'] }] },
  { language: 'latex', input: 'Twice «\\cite{a, a}».', expected: [{ syntax: 'latex', command: 'cite', entries: ['a', 'a'], problems: ['-', 'duplicate'], keys: ['a'] }] },
  { language: 'markdown', input: 'Twice «[@a; @a]».', expected: [{ syntax: 'pandoc', entries: ['a', 'a'], problems: ['-', 'duplicate'], keys: ['a'] }] },
];

const latexCases: Case[] = [
  { language: 'latex', input: 'As shown «\\cite{caseiro2019,vizoso2017}».', expected: [{ syntax: 'latex', command: 'cite', entries: ['caseiro2019', 'vizoso2017'], keys: ['caseiro2019', 'vizoso2017'] }] },
  ...['citep', 'citet', 'citeauthor', 'citeyear', 'autocite', 'parencite', 'textcite', 'footcite', 'nocite'].map((command): Case => ({
    language: 'latex',
    input: `Command «\\${command}{k1}» here.`,
    expected: [{ syntax: 'latex', command, entries: ['k1'], keys: ['k1'] }],
  })),
  { language: 'latex', input: 'Starred «\\citet*{k1}».', expected: [{ syntax: 'latex', command: 'citet', entries: ['k1'], keys: ['k1'] }] },
  { language: 'latex', input: 'Notes «\\citep[see][p.~3]{key}».', expected: [{ syntax: 'latex', command: 'citep', entries: ['key'], keys: ['key'] }] },
  { language: 'latex', input: 'One note «\\citep[p.~3]{key}» and a «[4]».', expected: [{ syntax: 'latex', command: 'citep', entries: ['key'], keys: ['key'] }, { syntax: 'numeric', entries: ['4'], numbers: [4] }] },
  { language: 'latex', input: 'Spaced «\\cite{ a , b }».', expected: [{ syntax: 'latex', command: 'cite', entries: ['a', 'b'], keys: ['a', 'b'] }] },
  { language: 'latex', input: 'Multi-line «\\cite{a,\n  b}».', expected: [{ syntax: 'latex', command: 'cite', entries: ['a', 'b'], keys: ['a', 'b'] }] },
  { language: 'latex', input: 'Commented «\\cite{a,% old: x\n  b % c\n}».', expected: [{ syntax: 'latex', command: 'cite', entries: ['a', 'b'], keys: ['a', 'b'] }] },
];

const pandocCases: Case[] = [
  { language: 'markdown', input: 'Pandoc «[@caseiro2019]».', expected: [{ syntax: 'pandoc', entries: ['caseiro2019'], keys: ['caseiro2019'] }] },
  { language: 'markdown', input: 'Pandoc «[@a; @b]».', expected: [{ syntax: 'pandoc', entries: ['a', 'b'], keys: ['a', 'b'] }] },
  { language: 'markdown', input: 'Locator «[see @key, p. 3]».', expected: [{ syntax: 'pandoc', entries: ['key'], keys: ['key'] }] },
  { language: 'markdown', input: 'Suppressed «[-@key]».', expected: [{ syntax: 'pandoc', entries: ['key'], keys: ['key'] }] },
  { language: 'markdown', input: 'Internal punctuation «[@doe:2020.a]».', expected: [{ syntax: 'pandoc', entries: ['doe:2020.a'], keys: ['doe:2020.a'] }] },
  { language: 'markdown', input: '«@smith04» says so.', expected: [{ syntax: 'pandoc', entries: ['smith04'], keys: ['smith04'] }] },
  { language: 'markdown', input: 'As «@smith04» says.', expected: [{ syntax: 'pandoc', entries: ['smith04'], keys: ['smith04'] }] },
  { language: 'markdown', input: 'Mixed «[@fig:one; @smith04]».', expected: [{ syntax: 'pandoc', entries: ['smith04'], keys: ['smith04'] }] },
  { language: 'markdown', input: 'Shown by «@smith04».', expected: [{ syntax: 'pandoc', entries: ['smith04'], keys: ['smith04'] }] },
  { language: 'plaintext', input: 'Brackets in plain text «[@k]».', expected: [{ syntax: 'pandoc', entries: ['k'], keys: ['k'] }] },
];

/** Inputs with no citation at all. */
const notCitations: [ManuscriptLanguage, string][] = [
  ['markdown', 'A link [13](https://example.org) is not a citation.'],
  ['markdown', 'A link [@key](https://example.org) is not a citation.'],
  ['markdown', '[1]: https://example.org "a link definition"'],
  ['markdown', '  [1]: https://example.org'],
  ['markdown', 'Task [ ] and [x] boxes.'],
  ['markdown', 'A footnote[^1] is not a citation.'],
  ['markdown', 'An image ![1](img.png) is not.'],
  ['markdown', 'Escaped \\[1\\] brackets.'],
  ['markdown', 'Words [like this] and [Smith 2020].'],
  ['markdown', 'Odd [1 2] and [1-2-3] and [1--2].'],
  ['markdown', 'Write to john@example.com or a.b@c.org.'],
  ['markdown', 'No key: @ alone, @-x and @.'],
  ['markdown', 'Unclosed [1, 2 and more'],
  ['markdown', 'Across a paragraph [1,\n\n2] break.'],
  ['plaintext', 'Bare @key is Markdown only.'],
  ['markdown', 'Cross-references @fig:wound and [@tbl:factors; @eq:one] point at figures.'],
  ['latex', 'Pandoc [@key] is not LaTeX.'],
  ['latex', 'Unknown \\citex{k} and \\ref{fig1} commands.'],
  ['latex', 'Unclosed \\cite{abc and more'],
  ['latex', 'Broken \\cite{a{b}} braces.'],
  ['latex', 'No argument \\cite and text.'],
  ['latex', 'Escaped \\[1\\] display math.'],
];

function check(testCase: Case): void {
  const { text, spans } = marked(testCase.input);
  const citations = findCitations(text, testCase.language);
  assert.deepEqual(slices(text, citations), slices(text, spans), 'citation texts');
  assert.deepEqual(citations.map(({ start, end }) => ({ start, end })), spans, 'citation spans');
  citations.forEach((citation, index) => {
    const expected = testCase.expected[index]!;
    assert.equal(citation.syntax, expected.syntax);
    assert.equal(citation.command, expected.command);
    assert.deepEqual(citation.entries.map((entry) => entry.text), expected.entries, 'entry texts');
    for (const entry of citation.entries) assert.equal(text.slice(entry.start, entry.end), entry.text, 'entry span');
    const problems = citation.entries.map((entry) => entry.problem ?? '-');
    assert.deepEqual(problems, expected.problems ?? citation.entries.map(() => '-'), 'problems');
    assert.deepEqual(citation.numbers, expected.numbers ?? [], 'numbers');
    assert.deepEqual(citation.keys, expected.keys ?? [], 'keys');
    assertInnerSpan(text, citation);
  });
}

/** The inner span lies between the delimiters: `[`/`]`, `{`/`}`, or after `@` for author-in-text. */
function assertInnerSpan(text: string, citation: Citation): void {
  assert.ok(citation.inner.start > citation.start && citation.inner.end <= citation.end, 'inner inside');
  const before = text[citation.inner.start - 1];
  if (citation.syntax === 'latex') {
    assert.equal(before, '{');
    assert.equal(text[citation.inner.end], '}');
    assert.equal(citation.inner.end, citation.end - 1);
  } else if (text[citation.start] === '[') {
    assert.equal(citation.inner.start, citation.start + 1);
    assert.equal(citation.inner.end, citation.end - 1);
  } else {
    assert.equal(before, '@');
    assert.equal(citation.inner.end, citation.end);
  }
}

describe('manuscript citations', () => {
  for (const [title, cases] of [
    ['numeric', numericCases],
    ['problems', problemCases],
    ['LaTeX', latexCases],
    ['Pandoc', pandocCases],
  ] as const) {
    describe(title, () => {
      for (const testCase of cases) it(`${testCase.language}: ${testCase.input.slice(0, 60)}`, () => check(testCase));
    });
  }

  describe('not citations', () => {
    for (const [language, input] of notCitations) {
      it(`${language}: ${input}`, () => assert.deepEqual(slices(input, findCitations(input, language)), []));
    }
  });

  describe('only inside the given spans', () => {
    it('scans the prose spans and nothing else', () => {
      const { text, spans } = marked('«Prose [1] here» `code [2]` «and [3]»');
      assert.deepEqual(slices(text, findCitations(text, 'markdown', spans)), ['[1]', '[3]']);
    });
    it('never lets a citation cross a span boundary', () => {
      const { text, spans } = marked('«Prose [1»2] here');
      assert.deepEqual(findCitations(text, 'markdown', spans), []);
    });
  });

  describe('bad input', () => {
    const inputs: [string, string][] = [
      ['empty', ''],
      ['binary garbage', Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')],
      ['5 MB single line of unclosed brackets', '[1, '.repeat(1_250_000)],
      ['deeply nested brackets', '['.repeat(100_000) + '1' + ']'.repeat(100_000)],
      ['unclosed cites', '\\cite[\\citep{'.repeat(100_000)],
      ['many at-signs', '@a@b @'.repeat(200_000)],
    ];
    for (const language of ['markdown', 'latex', 'plaintext'] as const) {
      for (const [name, input] of inputs) {
        it(`${language}: ${name}`, () => {
          const citations = findCitations(input, language);
          for (const citation of citations) assert.ok(citation.start < citation.end && citation.end <= input.length);
        });
      }
    }
    it('finds the one citation in deeply nested brackets', () => {
      const input = '['.repeat(1000) + '1' + ']'.repeat(1000);
      assert.deepEqual(slices(input, findCitations(input, 'markdown')), ['[1]']);
    });
    it('expands nothing for the absurd range', () => {
      const [citation] = findCitations('[1-99999999]', 'plaintext');
      assert.deepEqual(citation?.numbers, []);
      assert.equal(citation?.entries[0]?.from, 1);
      assert.equal(citation?.entries[0]?.to, 99999999);
    });
  });
});

describe('manuscript: Pandoc braced keys', () => {
  it('[@{smith:2020}] reads the key inside the braces', () => {
    const text = 'See [@{smith 2020}; @{jones:x}] and @{lee}.';
    const citations = findCitations(text, 'markdown');
    assert.deepEqual(citations.map((citation) => citation.keys), [['smith 2020', 'jones:x'], ['lee']]);
    assert.deepEqual(citations.flatMap((citation) => citation.entries.map((entry) => text.slice(entry.start, entry.end))), ['smith 2020', 'jones:x', 'lee']);
  });
});
