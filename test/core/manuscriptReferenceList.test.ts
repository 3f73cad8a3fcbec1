import { strict as assert } from 'node:assert';
import type { CslItem } from '../../server/src/core/knowledge/model';
import { parseManuscript, type ManuscriptLanguage } from '../../server/src/core/manuscript';
import { parseReferenceText, readManuscriptList } from '../../server/src/core/sources/manuscriptList';

const URI = 'file:///draft.md';

function listOf(text: string, language: ManuscriptLanguage = 'markdown') {
  const manuscript = parseManuscript(text, language);
  assert.ok(manuscript.referenceList, 'a reference list is found');
  return { manuscript, list: manuscript.referenceList, reading: readManuscriptList(text, language, manuscript.referenceList, URI) };
}

/** Entries from the review's own reference list (data/review.json is transcribed from the same text). */
const reviewStyle = [
  '- [1]. Tjalsma H, Bolhuis A, Jongbloed JD, Bron S, Van Dijk JM (2000) Signal peptide-dependent protein transport in *Bacillus subtilis*: a genome-based survey of the secretome *Microbiol. Mol. Biol. Rev.* 64 (2000): 515-547.',
  '- [2]. Erik A, Ashfaq A, Svante R and Erik A (2013) Plant secretome proteomics. *Front Plant Sci* 4(9)1-6.',
  '- [3]. Pinho AG, Cibrão JR, Silva NA, Monteiro S, and Salgado AJ (2020) Cell Secretome: Basic Insights and Therapeutic Opportunities for CNS Disorders. *Pharmaceuticals (Basel)*. 13(2): 1-18.',
];

describe('manuscript: its own numbered reference list (Markdown)', () => {
  it('Vancouver style: numbers, lines, text and fields', () => {
    const text = [
      '# Secretome in wound healing',
      '',
      'MSC secretome differs by tissue [1]. Reviews agree [2].',
      '',
      '## References',
      '',
      '1. Caseiro AR, Pedrosa SS, Ivanova G, Vieira Branquinho M, Almeida A, Faria F, et al. Mesenchymal Stem/Stromal Cells metabolomic and bioactive',
      '   factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome. PLoS ONE. 2019;14(11):1-33.',
      '2. Makridakis M, Vlahou A. Secretome proteomics for discovery of cancer biomarkers. J Proteomics. 2010;73:2291-2305.',
      '',
    ].join('\n');
    const { manuscript, list, reading } = listOf(text);
    assert.equal(list.start, manuscript.referenceListStart);
    assert.deepEqual(list.entries.map((entry) => [entry.number, entry.line]), [[1, 6], [2, 8]]);
    assert.ok(list.entries[0]!.text.startsWith('Caseiro AR') && list.entries[0]!.text.endsWith('2019;14(11):1-33.'));
    assert.equal(reading.problems.length, 0);
    const [first, second] = reading.references;
    assert.equal(first!.source.kind, 'manuscript-list');
    assert.equal(first!.key, '1');
    assert.equal(first!.number, 1);
    assert.deepEqual(first!.location, { uri: URI, line: 6, character: 0 });
    const expected: CslItem = {
      id: '1',
      type: 'article-journal',
      author: [
        { family: 'Caseiro', given: 'AR' }, { family: 'Pedrosa', given: 'SS' }, { family: 'Ivanova', given: 'G' },
        { family: 'Vieira Branquinho', given: 'M' }, { family: 'Almeida', given: 'A' }, { family: 'Faria', given: 'F' },
      ],
      // The entry's list ends in "et al": the paper has more authors than these six.
      moreAuthors: true,
      title: 'Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome',
      'container-title': 'PLoS ONE',
      issued: { 'date-parts': [[2019]] },
      volume: '14',
      issue: '11',
      page: '1-33',
    };
    assert.deepEqual(sorted(first!.item), sorted(expected));
    assert.equal(second!.item.title, 'Secretome proteomics for discovery of cancer biomarkers');
    assert.equal(second!.item['container-title'], 'J Proteomics');
    assert.equal(second!.item.volume, '73');
    assert.equal(second!.item.page, '2291-2305');
  });

  it("the review's own style: bulleted [n]. entries with the year in parentheses and the journal in italics", () => {
    const { list, reading } = listOf(`Text [1].\n\n## REFERENCES\n\n${reviewStyle.join('\n')}\n`);
    assert.deepEqual(list.entries.map((entry) => entry.number), [1, 2, 3]);
    const [tjalsma, erik, pinho] = reading.references.map((reference) => reference.item);
    assert.equal(tjalsma!.title, 'Signal peptide-dependent protein transport in Bacillus subtilis: a genome-based survey of the secretome');
    assert.equal(tjalsma!['container-title'], 'Microbiol. Mol. Biol. Rev.');
    assert.deepEqual([tjalsma!.volume, tjalsma!.issue, tjalsma!.page], ['64', undefined, '515-547']);
    assert.deepEqual(tjalsma!.author?.[4], { family: 'Van Dijk', given: 'JM' });
    assert.deepEqual([erik!.volume, erik!.issue, erik!.page, erik!.issued], ['4', '9', '1-6', { 'date-parts': [[2013]] }]);
    assert.equal(erik!.author?.length, 4);
    assert.equal(pinho!['container-title'], 'Pharmaceuticals (Basel)');
    assert.deepEqual(pinho!.author?.map((name) => name.family), ['Pinho', 'Cibrão', 'Silva', 'Monteiro', 'Salgado']);
  });

  it('[n] entries, identifiers anywhere, a paragraph break between entries', () => {
    const text = [
      '## Bibliography',
      '[1] Vizoso FJ, Eiro N, Cid S, Schneider J, Perez-Fernandez R. Mesenchymal stem cell secretome: toward cell-free therapeutic strategies in regenerative medicine. Int J Mol Sci. 2017;18(9):1852. doi: 10.3390/ijms18091852. PMID: 28841158.',
      '',
      '[2] Example A. A web page about secretomes. Available from: https://example.org/secretome (accessed 2024).',
    ].join('\n');
    const { reading } = listOf(text);
    const [vizoso, page] = reading.references.map((reference) => reference.item);
    assert.equal(vizoso!.DOI, '10.3390/ijms18091852');
    assert.equal(vizoso!.PMID, '28841158');
    assert.equal(vizoso!['container-title'], 'Int J Mol Sci');
    assert.equal(page!.URL, 'https://example.org/secretome');
    assert.deepEqual(reading.references.map((reference) => reference.number), [1, 2]);
  });

  it('1) entries and lazy 1. 1. 1. numbering', () => {
    const parens = listOf('## References\n1) Makridakis M, Vlahou A. Secretome proteomics. J Proteomics. 2010;73:2291-2305.\n2) Erik A. Plant secretome. Front Plant Sci. 2013;4:1-6.\n');
    assert.deepEqual(parens.list.entries.map((entry) => entry.number), [1, 2]);
    const lazy = listOf('## References\n1. A A. One. J. 2001;1:1.\n1. B B. Two. J. 2002;2:2.\n1. C C. Three. J. 2003;3:3.\n');
    assert.deepEqual(lazy.list.entries.map((entry) => entry.number), [1, 2, 3]);
  });

  it('APA-like entries', () => {
    const item = parseReferenceText('Smith, J., Doe, A. B., & Lee, C. (2020). Exosomes in wound healing. Stem Cell Research & Therapy, 11(1), 45–67. https://doi.org/10.1000/xyz123');
    assert.deepEqual(item.author, [{ family: 'Smith', given: 'J.' }, { family: 'Doe', given: 'A. B.' }, { family: 'Lee', given: 'C.' }]);
    assert.deepEqual(item.issued, { 'date-parts': [[2020]] });
    assert.equal(item.title, 'Exosomes in wound healing');
    assert.equal(item['container-title'], 'Stem Cell Research & Therapy');
    assert.deepEqual([item.volume, item.issue, item.page, item.DOI], ['11', '1', '45–67', '10.1000/xyz123']);
  });

  it('an entry that cannot be read keeps its text as a note', () => {
    const item = parseReferenceText('Personal communication with the lab');
    assert.equal(item.title, undefined);
    assert.equal(item.note, 'Personal communication with the lab');
  });

  it('a 120-entry list: every number, in order, each on its line; it ends at the next heading', () => {
    const lines = ['# Paper', '', 'Text [120].', '', '## References', ''];
    for (let n = 1; n <= 120; n++) lines.push(`${n}. Author${n} A, Other B. Title number ${n}. J Test. ${1990 + (n % 30)};${n}(${(n % 12) + 1}):${n}-${n + 9}.`);
    lines.push('', '## Appendix', '', '1. Not a reference.');
    const text = lines.join('\n');
    const { list, reading } = listOf(text);
    assert.deepEqual(list.entries.map((entry) => entry.number), Array.from({ length: 120 }, (_, i) => i + 1));
    assert.deepEqual(list.entries.map((entry) => entry.line), Array.from({ length: 120 }, (_, i) => i + 6));
    const hundredth = reading.references[99]!.item;
    assert.deepEqual([hundredth.title, hundredth.volume, hundredth.issue, hundredth.page, hundredth.issued], ['Title number 100', '100', '5', '100-109', { 'date-parts': [[2000]] }]);
  });

  it('a number defined twice is a problem; the first is kept', () => {
    const { reading } = listOf('## References\n[1] Alpha A. One. J Test. 2001;1:1.\n[1] Beta B. Two. J Test. 2002;2:2.\n');
    assert.equal(reading.references.length, 1);
    assert.equal(reading.references[0]!.item.title, 'One');
    assert.deepEqual(reading.problems.map((problem) => [problem.code, problem.location.line]), [['duplicate-key', 2]]);
  });

  it('a bold References line and plain text documents', () => {
    const bold = listOf('Text [1].\n\n**References**\n\n1. Makridakis M, Vlahou A. Secretome proteomics. J Proteomics. 2010;73:2291-2305.\n');
    assert.deepEqual(bold.reading.references.map((reference) => reference.item['container-title']), ['J Proteomics']);
    const plain = listOf('Text [1].\n\nReferences\n\n[1] Makridakis M, Vlahou A. Secretome proteomics. J Proteomics. 2010;73:2291-2305.\n[2] Erik A. Plant secretome proteomics. Front Plant Sci. 2013;4(9):1-6.\n', 'plaintext');
    assert.deepEqual(plain.list.entries.map((entry) => [entry.number, entry.line]), [[1, 4], [2, 5]]);
  });

  it('no References heading, no reference list', () => {
    assert.equal(parseManuscript('Text.\n\n1. A numbered list.\n2. Not references.\n', 'markdown').referenceList, undefined);
  });
});

describe('manuscript: its own reference list (LaTeX thebibliography)', () => {
  const text = [
    '\\begin{document}',
    'Secretome \\cite{caseiro2019} and \\cite{vizoso}.',
    '\\begin{thebibliography}{99}',
    '% \\bibitem{commented} Not an entry.',
    '\\bibitem{caseiro2019} A.~R. Caseiro, S.~S. Pedrosa, et al.',
    '\\newblock Mesenchymal stem/stromal cells metabolomic and bioactive factors profiles.',
    '\\newblock {\\em PLoS ONE}, 14(11):1--33, 2019.',
    '',
    '\\bibitem[Vizoso et al.(2017)]{vizoso} Vizoso FJ, Eiro N. Mesenchymal stem cell secretome. Int J Mol Sci. 2017;18(9):1852.',
    '\\end{thebibliography}',
    '\\end{document}',
  ].join('\n');

  it('numbers \\bibitem entries by order, with keys, labels and lines', () => {
    const { list, reading } = listOf(text, 'latex');
    assert.equal(list.start, text.indexOf('\\begin{thebibliography}'));
    assert.deepEqual(list.entries.map((entry) => [entry.number, entry.key, entry.label, entry.line]), [[1, 'caseiro2019', undefined, 4], [2, 'vizoso', 'Vizoso et al.(2017)', 8]]);
    assert.ok(list.entries[0]!.text.startsWith('A.~R. Caseiro'));
    assert.ok(list.entries[0]!.text.endsWith('2019.'));
    assert.deepEqual(reading.references.map((reference) => [reference.key, reference.number]), [['caseiro2019', 1], ['vizoso', 2]]);
    const vizoso = reading.references[1]!.item;
    assert.deepEqual([vizoso.title, vizoso['container-title'], vizoso.volume, vizoso.issue, vizoso.page], ['Mesenchymal stem cell secretome', 'Int J Mol Sci', '18', '9', '1852']);
    assert.equal(reading.references[0]!.item.issued?.['date-parts']?.[0]?.[0], 2019);
  });

  it('no thebibliography, no reference list', () => {
    assert.equal(parseManuscript('\\begin{document}Text \\cite{a}.\\end{document}', 'latex').referenceList, undefined);
  });
});

function sorted(item: CslItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)));
}
