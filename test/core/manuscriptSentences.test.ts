import { strict as assert } from 'node:assert';
import { citationAt, isProse, parseManuscript, sentenceAt } from '../../server/src/core/manuscript';
import type { ManuscriptLanguage, SentenceKind } from '../../server/src/core/manuscript/types';
import { marked, slices } from './manuscriptMarkers';

interface Case {
  name: string;
  language: ManuscriptLanguage;
  /** The document with « and » around each expected sentence. */
  input: string;
  /** Kind of each sentence; all 'prose' when omitted. */
  kinds?: SentenceKind[];
  /** Paragraph index of each sentence; checked when given. */
  paragraphs?: number[];
}

const splitting: Case[] = [
  { name: 'two plain sentences', language: 'markdown', input: '«Secretome reduces inflammation.» «It promotes repair.»' },
  { name: 'et al. followed by a capital', language: 'markdown', input: '«Agrawal et al. Proposed a broader definition [2].» «Next.»' },
  { name: 'et al. followed by a citation', language: 'markdown', input: '«As Smith et al. [3] showed, FGF helps.» «Next.»' },
  { name: 'e.g. and i.e.', language: 'markdown', input: '«Factors, e.g. FGF, and vesicles, i.e. Exosomes, act.» «Next.»' },
  { name: 'Fig. with a panel', language: 'markdown', input: '«As in Fig. 3A, cells grew.» «Next.»' },
  { name: 'vs., approx., ca.', language: 'markdown', input: '«Treated vs. Control cells differed by approx. 0.5 mg and ca. 3 days.» «Next.»' },
  { name: 'Dr. and No.', language: 'markdown', input: '«Dr. Smith reported trial No. 4 was positive.» «Next.»' },
  { name: 'decimals', language: 'markdown', input: '«Doses of 0.5 and 2.25 mg/kg were used.» «Next.»' },
  { name: 'citation before the full stop', language: 'markdown', input: '«Secretome aids healing [17].» «Next.»' },
  { name: 'citation after the full stop', language: 'markdown', input: '«Secretome aids healing. [17]» «The next one.»' },
  { name: 'several citations after the full stop', language: 'markdown', input: '«Secretome aids healing. [17] [18, 19]» «The next one.»' },
  { name: 'citation after the full stop without a space', language: 'markdown', input: '«Secretome aids healing.[17]» «The next one.»' },
  { name: 'citation after the full stop at the end', language: 'markdown', input: '«Secretome aids healing.» «[17]»'.replace('.» «[17]»', '. [17]»') },
  { name: 'LaTeX cite after the full stop', language: 'latex', input: '«Secretome aids healing.~\\cite{a}» «Next.»' },
  { name: 'Pandoc locator keeps its sentence', language: 'markdown', input: '«As reported [see @key, p. 3], FGF helps.» «Next.»' },
  { name: 'question and exclamation marks', language: 'markdown', input: '«Does it work?» «Yes!»' },
  { name: 'sentences across lines of one paragraph', language: 'markdown', input: '«First sentence\ncontinues here.» «Second.»' },
  { name: 'inline code inside a sentence', language: 'markdown', input: '«Run `x. Y` to see.» «Next.»' },
  { name: 'sentence starting with markup keeps it', language: 'latex', input: '«First.» «\\emph{Secretome} helps.»' },
];

const kinds: Case[] = [
  { name: 'markdown heading', language: 'markdown', input: '## «Secretome therapy»\n\n«Text.»', kinds: ['heading', 'prose'], paragraphs: [0, 1] },
  { name: 'numbered heading is one sentence', language: 'markdown', input: '### «I. INTRODUCTION»\n\n«Text.»', kinds: ['heading', 'prose'] },
  { name: 'Setext heading', language: 'markdown', input: '«Title»\n=====\n\n«Text.»', kinds: ['heading', 'prose'] },
  { name: 'list items', language: 'markdown', input: '- «First item.»\n- «Second item.» «Two sentences.»', kinds: ['list-item', 'list-item', 'list-item'], paragraphs: [0, 1, 1] },
  { name: 'figure caption line', language: 'markdown', input: '«Text.»\n\n«Figure 1. Wound closure.»', kinds: ['prose', 'caption'] },
  { name: 'caption after a paragraph line', language: 'markdown', input: '«Text.»\n«Fig. 2: Cells.»', kinds: ['prose', 'caption'] },
  { name: 'table caption', language: 'markdown', input: '«Table 1. Factors.»', kinds: ['caption'] },
  { name: 'image alt text', language: 'markdown', input: '![«Wound healing»](img.png)', kinds: ['caption'] },
  { name: 'bold line heading', language: 'markdown', input: '«**Conflict of Interest**»\n\n«None.»', kinds: ['heading', 'prose'] },
  { name: 'table cells are separate', language: 'markdown', input: '| «A» | «B» |\n|---|---|\n| «c» | «d» |', paragraphs: [0, 1, 2, 3] },
  { name: 'LaTeX section', language: 'latex', input: '\\section{«Introduction»}\n«Text.»', kinds: ['heading', 'prose'] },
  { name: 'LaTeX caption', language: 'latex', input: '\\begin{figure}\\caption{«Cells grew.»}\\end{figure}\n«Text.»', kinds: ['caption', 'prose'] },
  { name: 'LaTeX items', language: 'latex', input: '\\begin{itemize}\n\\item «One.»\n\\item «Two.»\n\\end{itemize}', kinds: ['list-item', 'list-item'] },
  { name: 'plain-text heading', language: 'plaintext', input: '«Introduction»\n\n«Text here.»', kinds: ['heading', 'prose'] },
  { name: 'plain-text list', language: 'plaintext', input: '- «One.»\n- «Two.»', kinds: ['list-item', 'list-item'] },
  { name: 'paragraphs by blank lines', language: 'plaintext', input: '«One.» «Two.»\n\n«Three.»', paragraphs: [0, 0, 1] },
];

function check(testCase: Case): void {
  const { text, spans } = marked(testCase.input);
  const manuscript = parseManuscript(text, testCase.language);
  assert.deepEqual(slices(text, manuscript.sentences), slices(text, spans), 'sentence texts');
  assert.deepEqual(manuscript.sentences.map(({ start, end }) => ({ start, end })), spans, 'sentence spans');
  for (const sentence of manuscript.sentences) assert.equal(sentence.text, text.slice(sentence.start, sentence.end));
  assert.deepEqual(manuscript.sentences.map((sentence) => sentence.kind), testCase.kinds ?? spans.map(() => 'prose'), 'kinds');
  if (testCase.paragraphs) assert.deepEqual(manuscript.sentences.map((sentence) => sentence.paragraph), testCase.paragraphs, 'paragraphs');
}

describe('manuscript sentences', () => {
  describe('splitting', () => {
    for (const testCase of splitting) it(`${testCase.language}: ${testCase.name}`, () => check(testCase));
  });
  describe('kinds and paragraphs', () => {
    for (const testCase of kinds) it(`${testCase.language}: ${testCase.name}`, () => check(testCase));
  });

  it('paragraph spans cover their sentences', () => {
    const { text, spans } = marked('«First one. Second one.»\n\n- «item»\n\n```\ncode\n```\n\n«Last.»');
    const manuscript = parseManuscript(text, 'markdown');
    assert.deepEqual(slices(text, manuscript.paragraphs), slices(text, spans));
    for (const sentence of manuscript.sentences) {
      const paragraph = manuscript.paragraphs[sentence.paragraph]!;
      assert.ok(paragraph.start <= sentence.start && sentence.end <= paragraph.end);
    }
  });
});

describe('manuscript lookups', () => {
  const text = 'Growth factors help [11-18]. Exosomes carry RNA.\n\n`code [3]`';
  const manuscript = parseManuscript(text, 'markdown');
  const cases: [string, string | undefined, string | undefined, boolean][] = [
    // [text before the offset, sentence there, citation there, prose there]
    ['', 'Growth factors help [11-18].', undefined, true],
    ['Growth factors help ', 'Growth factors help [11-18].', '[11-18]', true],
    ['Growth factors help [11-1', 'Growth factors help [11-18].', '[11-18]', true],
    ['Growth factors help [11-18', 'Growth factors help [11-18].', '[11-18]', true],
    ['Growth factors help [11-18]', 'Growth factors help [11-18].', undefined, true],
    ['Growth factors help [11-18].', undefined, undefined, true],
    ['Growth factors help [11-18]. ', 'Exosomes carry RNA.', undefined, true],
    ['Growth factors help [11-18]. Exosomes carry RNA.\n\n`code [', undefined, undefined, false],
  ];
  for (const [before, sentence, citation, prose] of cases) {
    it(`at ${JSON.stringify(before)}`, () => {
      const offset = before.length;
      const foundSentence = sentenceAt(manuscript, offset);
      const foundCitation = citationAt(manuscript, offset);
      assert.equal(foundSentence && text.slice(foundSentence.start, foundSentence.end), sentence);
      assert.equal(foundCitation && text.slice(foundCitation.start, foundCitation.end), citation);
      assert.equal(isProse(manuscript, offset), prose);
    });
  }
  it('answers nothing outside the document', () => {
    assert.equal(sentenceAt(manuscript, -1), undefined);
    assert.equal(citationAt(manuscript, text.length + 5), undefined);
    assert.equal(isProse(manuscript, text.length), false);
  });
});
