/**
 * The pathological inputs of issue 10 (test/bench/pathologicalPatterns.ts), each analysed to the end with work bounded
 * by counts: citations and entries kept, sentences, findings of an uncapped lint, diagnostics, the budget's notice.
 * Each count at four times the size is at most four times the count (plus a little), so the work grows no faster than
 * the text. No timing here: `npm run bench` times the same patterns at 1 MB and 5 MB.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { BUDGET_CODE, TOO_MANY_CODE, computeDiagnostics } from '../../server/src/core/features/diagnostics';
import {
  defaultAnalysisBudget,
  MAX_ENTRIES_PER_CITATION,
  parseManuscript,
  type AnalysisBudget,
  type Manuscript,
  type ManuscriptLanguage,
} from '../../server/src/core/manuscript';
import { lintManuscript, ruleCodes } from '../../server/src/core/rules';
import { latexBibliographies } from '../../server/src/core/sources/discovery';
import { makeManuscript } from '../bench/manuscriptGenerator';
import { pathologicalPatterns } from '../bench/pathologicalPatterns';
import { service } from './support';
import { singleFileContext } from '../../server/src/core/project/model';

const dataset = loadBundledDataset();
const config = resolveConfig();
let documentCounter = 0;

function diagnose(text: string, language: ManuscriptLanguage, budget: AnalysisBudget = defaultAnalysisBudget): { manuscript: Manuscript; diagnostics: Diagnostic[] } {
  const document = TextDocument.create(`file:///pathological/${++documentCounter}`, language, 1, text);
  const manuscript = parseManuscript(text, language, budget);
  const references = service().referencesFor(document, config);
  return { manuscript, diagnostics: computeDiagnostics({ document, manuscript, references, dataset, config, project: singleFileContext(document, manuscript) }) };
}

/** Counts that bound the work of analysing the text: what the parse keeps, and what an uncapped lint finds. */
function workOf(text: string, language: ManuscriptLanguage) {
  const { manuscript, diagnostics } = diagnose(text, language);
  const references = service().referencesFor(TextDocument.create('file:///pathological/scope', language, 1, ''), config);
  const { findings } = lintManuscript(dataset, manuscript, { enabled: new Set(ruleCodes), references });
  let entries = 0;
  let numbers = 0;
  let largestCitation = 0;
  for (const citation of manuscript.citations) {
    entries += citation.entries.length;
    numbers += citation.numbers.length;
    largestCitation = Math.max(largestCitation, citation.entries.length, citation.keyGroups?.length ?? 0);
  }
  return {
    counts: {
      citations: manuscript.citations.length,
      entries,
      numbers,
      sentences: manuscript.sentences.length,
      paragraphs: manuscript.paragraphs.length,
      proseCharacters: manuscript.prose.reduce((sum, span) => sum + span.end - span.start, 0),
      findings: findings.length,
    },
    largestCitation,
    diagnostics,
    manuscript,
  };
}

const SIZE = 40_000;

describe('pathological inputs: analysed to the end, work growing with the text at most linearly', () => {
  for (const pattern of pathologicalPatterns) {
    it(`${pattern.language}: ${pattern.name}`, () => {
      const small = workOf(pattern.make(SIZE), pattern.language);
      const large = workOf(pattern.make(4 * SIZE), pattern.language);
      // What one citation costs does not grow with the text: past 1,000 entries the rest are only counted.
      assert.ok(large.largestCitation <= Math.max(small.largestCitation, 1000), `a citation keeps ${large.largestCitation} entries`);
      for (const work of [small, large]) {
        const notices = work.diagnostics.filter((d) => d.code === TOO_MANY_CODE || d.code === BUDGET_CODE);
        assert.ok(work.diagnostics.length - notices.length <= config.lint.maxDiagnostics, `${work.diagnostics.length} diagnostics`);
        assert.ok(work.diagnostics.filter((d) => d.code === BUDGET_CODE).length <= 1, 'the budget is said at most once');
        assert.ok(work.counts.numbers <= 20 * 200 + work.counts.entries, 'ranges expand a bounded number of numbers');
      }
      for (const [count, value] of Object.entries(large.counts)) {
        const before = small.counts[count as keyof typeof small.counts];
        assert.ok(value <= 4 * before + 16, `${count}: ${before} at ${SIZE} characters, ${value} at ${4 * SIZE}`);
      }
    });
  }
});

describe('pathological inputs: what is kept of small instances', () => {
  it('keeps the first 1,000 entries of a citation, counts the others, and says so once', () => {
    const text = `Healing is faster [${'1, '.repeat(1499)}1].`;
    const { manuscript, diagnostics } = diagnose(text, 'markdown');
    const [citation] = manuscript.citations;
    assert.equal(citation?.entries.length, MAX_ENTRIES_PER_CITATION);
    assert.equal(citation?.omittedEntries, 500);
    assert.equal(citation?.end, text.length - 1, 'the citation still ends at its bracket');
    const said = diagnostics.filter((d) => String(d.message).startsWith('This citation lists'));
    assert.deepEqual(said.map((d) => [d.code, d.message, d.range.start.character, d.range.end.character]), [
      ['malformed-citation', 'This citation lists 1,500 entries; only the first 1,000 are checked.', 18, 19],
    ]);
  });

  it('keeps the first 1,000 keys of \\cite{k,k,…} and of a multi-cite', () => {
    const cite = parseManuscript(`A claim \\cite{${'k,'.repeat(1200)}k}.`, 'latex').citations;
    assert.deepEqual(cite.map((c) => [c.entries.length, c.omittedEntries, c.keys]), [[1000, 201, ['k']]]);
    const multi = parseManuscript(`A claim \\cites${'[see][]{k}'.repeat(1200)} and more.`, 'latex').citations;
    assert.deepEqual(multi.map((c) => [c.entries.length, c.omittedEntries, c.keyGroups?.length]), [[1000, 200, 1000]]);
    assert.equal(multi[0]?.end, 'A claim \\cites'.length + '[see][]{k}'.length * 1200, 'the command is read to its end');
  });

  it('keeps the first 1,000 entries of [@k; …] and ends the citation at its bracket', () => {
    const text = `[${'@k; '.repeat(1100)}@k] and then [@other].`;
    const citations = parseManuscript(text, 'markdown').citations;
    assert.deepEqual(citations.map((c) => [c.entries.length, c.omittedEntries ?? 0, c.keys]), [[1000, 101, ['k']], [1, 0, ['other']]]);
  });

  it('stops at the citations budget, where the citation past it starts', () => {
    const text = 'Healing [1]. Growth [2]. Repair [3]. Scarring [4].';
    const budget = { ...defaultAnalysisBudget, maxCitations: 2 };
    const { manuscript, diagnostics } = diagnose(text, 'markdown', budget);
    assert.deepEqual(manuscript.citations.map((c) => c.numbers), [[1], [2]]);
    assert.deepEqual(manuscript.analysisStop, { offset: text.indexOf('[3]'), limit: 'citations', count: 2 });
    assert.ok(manuscript.prose.every((span) => span.end <= text.indexOf('[3]')), 'no prose past the stop');
    assert.ok(manuscript.sentences.every((sentence) => sentence.end <= text.indexOf('[3]')), 'no sentence past the stop');
    const notices = diagnostics.filter((d) => d.code === BUDGET_CODE);
    assert.deepEqual(notices.map((d) => [d.message, d.severity, d.range.start.character]), [
      ['Secretome Writer checked the first 2 citations of this document; the rest is not analysed (budget).', 3, text.indexOf('[3]')],
    ]);
  });

  it('stops at the entries budget before the citation that would pass it', () => {
    const text = 'Healing [1, 2]. Growth [3, 4]. Repair [5].';
    const { manuscript } = diagnose(text, 'markdown', { ...defaultAnalysisBudget, maxCitationEntries: 3 });
    assert.deepEqual(manuscript.citations.map((c) => c.numbers), [[1, 2]]);
    assert.deepEqual(manuscript.analysisStop, { offset: text.indexOf('[3, 4]'), limit: 'citation-entries', count: 3 });
  });

  it('stops at the prose budget, inside the paragraph that passes it', () => {
    const text = 'First paragraph here.\n\nSecond paragraph [99] here.\n\nThird.';
    const { manuscript, diagnostics } = diagnose(text, 'markdown', { ...defaultAnalysisBudget, maxProseCharacters: 30 });
    // 22 characters in the first paragraph (its line break is prose: a space between its lines), then 8 of the second.
    const stop = text.indexOf('Second') + 8;
    assert.deepEqual(manuscript.analysisStop, { offset: stop, limit: 'prose-characters', count: 30 });
    assert.deepEqual(manuscript.prose.map((span) => text.slice(span.start, span.end)), ['First paragraph here.\n', 'Second p']);
    assert.deepEqual(manuscript.citations, [], 'the citation past the stop is not read');
    assert.deepEqual(manuscript.sentences.map((s) => s.text), ['First paragraph here.', 'Second p']);
    // [99] is unknown, but it is past the stop: only the notice remains.
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]), [
      [BUDGET_CODE, 2, 8, 'Secretome Writer checked the first 30 characters of prose of this document; the rest is not analysed (budget).'],
    ]);
  });

  it('cuts one long paragraph at the prose budget', () => {
    const text = 'Secretome aids healing. '.repeat(10);
    const { manuscript } = diagnose(text, 'plaintext', { ...defaultAnalysisBudget, maxProseCharacters: 50 });
    assert.deepEqual(manuscript.analysisStop, { offset: 50, limit: 'prose-characters', count: 50 });
    assert.deepEqual(manuscript.prose, [{ start: 0, end: 50 }]);
    assert.deepEqual(manuscript.sentences.map((s) => s.text), ['Secretome aids healing.', 'Secretome aids healing.', 'Se']);
  });

  it('stops at the sentences budget, and checks no citation after it', () => {
    const text = 'Healing is faster [1]. Growth is slower [2]. Exosomes cure everything [999].';
    const { manuscript, diagnostics } = diagnose(text, 'markdown', { ...defaultAnalysisBudget, maxSentences: 2 });
    assert.deepEqual(manuscript.sentences.map((s) => s.text), ['Healing is faster [1].', 'Growth is slower [2].']);
    assert.deepEqual(manuscript.analysisStop, { offset: text.indexOf('Exosomes'), limit: 'sentences', count: 2 });
    assert.deepEqual(manuscript.paragraphs, [{ start: 0, end: text.indexOf(' Exosomes') }]);
    // [999] would be an unknown citation and "cure everything" an overstated claim; neither is checked.
    assert.deepEqual(diagnostics.map((d) => d.code), [BUDGET_CODE]);
  });

  it('checks a sentence of 2,500 citations in bounded units, every citation once and in order', () => {
    const text = `Secretome aids healing ${'@k '.repeat(2500)}.`;
    const { diagnostics } = diagnose(text, 'markdown');
    const uncapped = lintManuscript(dataset, parseManuscript(text, 'markdown'), {
      enabled: new Set(ruleCodes),
      references: service().referencesFor(TextDocument.create('file:///pathological/scope.md', 'markdown', 1, ''), config),
    }).findings;
    const starts = uncapped.filter((finding) => finding.code === 'unknown-citation').map((finding) => finding.start);
    assert.equal(starts.length, 2500);
    assert.deepEqual(starts, Array.from({ length: 2500 }, (_, i) => 'Secretome aids healing '.length + 3 * i + 1));
    assert.equal(diagnostics.length, config.lint.maxDiagnostics + 1, 'capped, with the cap notice');
  });

  it('says so once with the default budget, as the last diagnostic', () => {
    const text = '@k '.repeat(defaultAnalysisBudget.maxCitations + 5000);
    const diagnostics = service().doValidate(TextDocument.create('file:///pathological/keys.md', 'markdown', 1, text), config);
    assert.deepEqual(diagnostics.filter((d) => d.code === BUDGET_CODE).length, 1);
    assert.equal(diagnostics[diagnostics.length - 1]?.code, BUDGET_CODE);
    assert.equal(diagnostics[diagnostics.length - 1]?.range.start.character, 3 * defaultAnalysisBudget.maxCitations);
  });

  it('never stops a 100,000-word thesis', () => {
    const manuscript = parseManuscript(makeManuscript(100_000), 'markdown');
    assert.equal(manuscript.analysisStop, undefined);
    assert.ok(manuscript.sentences.length > 5000, `${manuscript.sentences.length} sentences`);
  });
});

describe('pathological inputs: bibliography names', () => {
  it('names each bibliography once, where it is first named, with positions found in one pass', () => {
    const text = `Intro.\n${'\\bibliography{a}\n'.repeat(5000)}\\bibliography{b,a}\n% \\bibliography{c}\n\\addbibresource{d.bib}`;
    assert.deepEqual(
      latexBibliographies(text).map(({ name, line, character, length }) => [name, line, character, length]),
      [
        ['a.bib', 1, 14, 1],
        ['b.bib', 5001, 14, 1],
        ['d.bib', 5003, 16, 5],
      ],
    );
  });
});
