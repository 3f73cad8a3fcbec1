import { strict as assert } from 'node:assert';
import { findCitations } from '../../server/src/core/manuscript/citations';
import { parseManuscript } from '../../server/src/core/manuscript';
import { marked, slices } from './manuscriptMarkers';
import { lint } from './rulesSupport';

interface Case {
  /** The citation between « and ». */
  input: string;
  command: string;
  keys: string[];
  /** Entry texts, in order; defaults to keys. */
  entries?: string[];
  /** Inside of each key group, for multi-cite commands. */
  groups?: string[];
}

const cases: Case[] = [
  { input: 'See «\\cites{a}{b}».', command: 'cites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: 'See «\\cites[12]{a}[see][]{b}» here.', command: 'cites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: 'See «\\cites(pre)(post)[pre][post]{a}[see][]{b,c}».', command: 'cites', keys: ['a', 'b', 'c'], groups: ['a', 'b,c'] },
  { input: 'See «\\parencites[p.~3]{a}{b}».', command: 'parencites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: '«\\textcites{a}[ch.~2]{b}» showed.', command: 'textcites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: 'See «\\autocites{a}\n  {b}».', command: 'autocites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: 'Noted«\\footcites{a}{b}».', command: 'footcites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: 'Noted«\\smartcites{a}{b}».', command: 'smartcites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: 'Noted«\\supercites{a}{b}».', command: 'supercites', keys: ['a', 'b'], groups: ['a', 'b'] },
  { input: 'Twice «\\cites{a}{a}».', command: 'cites', keys: ['a'], entries: ['a', 'a'], groups: ['a', 'a'] },
  { input: 'Noted«\\footcite[see][12]{a}».', command: 'footcite', keys: ['a'] },
  { input: 'Noted«\\footfullcite{a}».', command: 'footfullcite', keys: ['a'] },
  { input: 'In full: «\\fullcite{a}».', command: 'fullcite', keys: ['a'] },
  { input: 'Smart «\\smartcite[p.~2]{a}».', command: 'smartcite', keys: ['a'] },
  { input: 'Super«\\supercite{a,b}».', command: 'supercite', keys: ['a', 'b'] },
  { input: 'Added «\\nocite{a}».', command: 'nocite', keys: ['a'] },
];

describe('manuscript: biblatex multi-cite and other cite commands', () => {
  for (const testCase of cases) {
    it(testCase.input, () => {
      const { text, spans } = marked(testCase.input);
      const citations = findCitations(text, 'latex');
      assert.equal(citations.length, 1, 'one citation, no bracket read as a numeric citation');
      const citation = citations[0]!;
      assert.deepEqual(slices(text, [citation]), slices(text, spans));
      assert.equal(citation.command, testCase.command);
      assert.deepEqual(citation.keys, testCase.keys);
      assert.deepEqual(citation.entries.map((entry) => entry.text), testCase.entries ?? testCase.keys);
      assert.deepEqual(citation.entries.filter((entry) => entry.problem === 'empty'), []);
      if (testCase.groups) assert.deepEqual(slices(text, citation.keyGroups ?? []), testCase.groups);
      else assert.equal(citation.keyGroups, undefined);
    });
  }

  it('\\cites[99]{a}[see][]{b} gives no empty citation and no unknown [99]', () => {
    const { diagnostics } = lint('Secretome helps wound healing \\cites[99]{caseiro2019}[see][]{pinho2020}.', 'latex');
    assert.deepEqual(diagnostics.filter((diagnostic) => diagnostic.code === 'malformed-citation' || diagnostic.code === 'unknown-citation').map((d) => d.message), []);
  });

  it('\\nocite{*} cites no key named "*" and is not flagged', () => {
    const text = 'Text.\n\\nocite{*}\n';
    const citations = findCitations(text, 'latex');
    assert.equal(citations.length, 1);
    assert.deepEqual(citations[0]!.keys, []);
    assert.deepEqual(citations[0]!.entries, []);
    const { diagnostics } = lint(text, 'latex');
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), []);
  });

  it('\\nocite{*, extra} checks only the named key', () => {
    const [citation] = findCitations('\\nocite{*, extra}', 'latex');
    assert.deepEqual(citation!.keys, ['extra']);
    assert.deepEqual(citation!.entries.map((entry) => entry.text), ['extra']);
  });

  it('\\nocite{unknownkey} is still checked', () => {
    const { diagnostics } = lint('Text.\n\\nocite{nosuchkey2020}\n', 'latex');
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['unknown-citation']);
  });
});

describe('manuscript: LaTeX text switched off', () => {
  const offCases: { name: string; input: string; prose: string[]; keys: string[] }[] = [
    { name: '\\iffalse … \\fi', input: 'Kept \\cite{a}.\n\\iffalse\nOld text \\cite{b}.\n\\fi\nAlso kept.', prose: ['Kept \\cite{a}.', 'Also kept.'], keys: ['a'] },
    { name: 'nested conditionals', input: 'Kept.\n\\iffalse\n\\ifdraft x \\cite{b} \\else y \\fi\nOld \\cite{c}.\n\\fi\nAfter.', prose: ['Kept.', 'After.'], keys: [] },
    { name: 'a commented \\fi does not close it', input: 'Kept.\n\\iffalse\n% \\fi\nOld \\cite{b}.\n\\fi\nAfter.', prose: ['Kept.', 'After.'], keys: [] },
    { name: 'an unclosed \\iffalse runs to the end', input: 'Kept.\n\\iffalse\nOld \\cite{b}.', prose: ['Kept.'], keys: [] },
    { name: 'the comment environment', input: 'Kept.\n\\begin{comment}\nOld \\cite{b}.\n\\end{comment}\nAfter.', prose: ['Kept.', 'After.'], keys: [] },
  ];
  for (const testCase of offCases) {
    it(testCase.name, () => {
      const manuscript = parseManuscript(testCase.input, 'latex');
      assert.deepEqual(slices(testCase.input, manuscript.prose).map((piece) => piece.trim()).filter(Boolean), testCase.prose);
      assert.deepEqual(manuscript.citations.flatMap((citation) => citation.keys), testCase.keys);
    });
  }
});
