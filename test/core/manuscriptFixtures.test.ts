import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManuscript } from '../../server/src/core/manuscript';
import type { ManuscriptLanguage, SentenceKind } from '../../server/src/core/manuscript/types';

interface Fixture {
  file: string;
  language: ManuscriptLanguage;
  citations: string[];
  /** Sentence kinds in order, as "kind×count" runs read left to right. */
  kinds: [SentenceKind, number][];
  /** The line (1-based) where the reference list starts. */
  referenceLine: number;
}

const fixtures: Fixture[] = [
  {
    file: 'sample.md',
    language: 'markdown',
    citations: ['[1-3]', '[8-10]', '[11–18]', '[27-29]', '[30, 31]', '[27]', '[36-39]', '[2]', '[27-29]', '[30-31]', '[@caseiro2019; @ebrahimi2025, p. 3]', '@ebrahimi2025'],
    kinds: [['heading', 1], ['prose', 2], ['heading', 1], ['prose', 3], ['list-item', 3], ['prose', 6], ['caption', 1], ['prose', 3]],
    referenceLine: 35,
  },
  {
    file: 'sample.tex',
    language: 'latex',
    citations: ['\\citep{ref1,ref2,ref3}', '\\cite[p.~4]{ref8}', '[11-18]', '\\citet*{ref27}', '\\parencite[see][]{ref30}', '\\cite{ref32}', '\\autocite{ref27}'],
    kinds: [['heading', 1], ['prose', 2], ['heading', 1], ['prose', 4], ['caption', 1], ['list-item', 2]],
    referenceLine: 36,
  },
  {
    file: 'sample.txt',
    language: 'plaintext',
    citations: ['[1-3]', '[8-10]', '[11-18]', '[27-29]', '[27]', '[30, 31]'],
    kinds: [['heading', 1], ['prose', 5], ['list-item', 2], ['caption', 1]],
    referenceLine: 14,
  },
];

function runs(kinds: SentenceKind[]): [SentenceKind, number][] {
  const result: [SentenceKind, number][] = [];
  for (const kind of kinds) {
    const last = result[result.length - 1];
    if (last && last[0] === kind) last[1]++;
    else result.push([kind, 1]);
  }
  return result;
}

describe('manuscript fixtures', () => {
  for (const fixture of fixtures) {
    describe(fixture.file, () => {
      const text = readFileSync(join(__dirname, '..', 'fixtures', 'manuscripts', fixture.file), 'utf8');
      const manuscript = parseManuscript(text, fixture.language);
      it('finds the citations in prose and none in code, comments, math, URLs, front matter or the reference list', () => {
        assert.deepEqual(manuscript.citations.map((citation) => text.slice(citation.start, citation.end)), fixture.citations);
      });
      it('splits sentences of the expected kinds', () => {
        assert.deepEqual(runs(manuscript.sentences.map((sentence) => sentence.kind)), fixture.kinds);
      });
      it('starts the reference list at its heading', () => {
        assert.equal(text.slice(0, manuscript.referenceListStart).split('\n').length, fixture.referenceLine);
      });
      it('keeps prose spans sorted, disjoint and inside the text', () => {
        let previousEnd = 0;
        for (const span of manuscript.prose) {
          assert.ok(span.start >= previousEnd && span.end > span.start && span.end <= text.length);
          previousEnd = span.end;
        }
      });
    });
  }
});
