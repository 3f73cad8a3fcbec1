/**
 * The quick ways a large library is read give what the plain ways give: folded words read by character codes, values
 * scanned to their next brace by the regex engine, spacing left alone when it is already single, and a library read
 * in the worker thread (linked chunk by chunk, indexed as it is sent) against the same library read in process.
 */
import * as assert from 'assert';
import * as path from 'path';
import { parseInProcess } from '../../server/src/bibliography';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { KnowledgeBase } from '../../server/src/core/knowledge/knowledgeBase';
import type { Reference } from '../../server/src/core/knowledge/model';
import { buildSearchIndexData, indexedAbstract, SearchIndexBuilder } from '../../server/src/core/knowledge/search';
import { foldedWords, foldText } from '../../server/src/core/knowledge/text';
import { readBibtex } from '../../server/src/core/sources/bibtex';
import { parseNameByRules, parseNames } from '../../server/src/core/sources/bibtexNames';
import { decodeLatex } from '../../server/src/core/sources/latex';
import { backgroundParser } from '../../server/src/workspace/backgroundParser';
import { bibtexEntry, generateLibrary } from './knowledgeLibrary';

/** foldedWords as it was written before the character-code pass: fold, split by regex, drop empty words. */
function foldedWordsByRegex(text: string): string[] {
  const folded = foldText(text);
  // eslint-disable-next-line no-control-regex
  const words = /^[\x00-\x7f]*$/.test(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(/[^\p{L}\p{N}]+/u);
  return words.filter((word) => word.length > 0);
}

describe('library fast paths: the same result as the slow path', () => {
  it('folds the words of ASCII and Unicode text as the regex split does', () => {
    const texts = [
      '',
      '   ',
      '--:;',
      'Mesenchymal Stem/Stromal Cells: A Review',
      '  leading and trailing  ',
      'TGF-β1 and IL-6 in 2019',
      'Türkmen, Ødegård and Straßer',
      'ALLCAPS lower MiXeD 3D x1y2',
      'tab\tnew\nline\r\nend',
      'smith2020a',
      'Ünal-Çelik (eds.)',
      'a',
      'Z9',
    ];
    for (const text of texts) assert.deepStrictEqual(foldedWords(text), foldedWordsByRegex(text), JSON.stringify(text));
  });

  it('decodes LaTeX on tricky values, and leaves single-spaced plain text as the collapse would', () => {
    const cases: [string, string][] = [
      ["Caf{\\'e} in M\\\"{o}ller's lab", 'Café in Möller\'s lab'],
      ['{{Protected}} Title', 'Protected Title'],
      ['pages~12--14 --- done', 'pages 12–14 — done'],
      ['$\\alpha$-SMA and $x^2$', 'α-SMA and x2'],
      ['Aks{\\i}n', 'Aksın'],
      ['  spaced\tout \n text  ', 'spaced out text'],
      ['non\u00a0breaking', 'non breaking'],
      [' lead', 'lead'],
      ['trail ', 'trail'],
      ['already single spaced plain text', 'already single spaced plain text'],
    ];
    for (const [raw, decoded] of cases) assert.strictEqual(decodeLatex(raw), decoded, raw);
    const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
    for (const plain of ['one two', 'one  two', ' one', 'one ', 'a\tb', 'a\u00a0\u00a0b', 'x']) assert.strictEqual(decodeLatex(plain), collapse(plain), JSON.stringify(plain));
  });

  it('reads quoted and braced values with escapes, braces, line breaks and name lists as before', () => {
    const bib = [
      '@article{quoted,',
      '  title = "A \\"o-umlaut, {"}quoted{"} and {braces {nested}}",',
      '  author = "M{\\"u}ller, J{\\\'o}zef and {World Health Organization} and others",',
      '  journal = {Line one',
      '    line two},',
      '  year = 2020',
      '}',
      '@book{braced, title = {Plain \\{escaped\\} braces}, editor = {van der Berg, Jan and Smith, Jr., John}, year = {1999}}',
    ].join('\n');
    const reading = readBibtex(bib, 'file:///w/refs.bib');
    assert.deepStrictEqual(reading.problems, []);
    const [quoted, braced] = reading.references.map((reference) => reference.item);
    assert.strictEqual(quoted.title, 'A ö-umlaut, "quoted" and braces nested');
    assert.deepStrictEqual(quoted.author, [{ family: 'Müller', given: 'Józef' }, { literal: 'World Health Organization' }]);
    assert.strictEqual(quoted.moreAuthors, true);
    assert.strictEqual(quoted['container-title'], 'Line one line two');
    assert.strictEqual(braced.title, 'Plain {escaped} braces');
    assert.deepStrictEqual(braced.editor, [
      { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
      { family: 'Smith', given: 'John', suffix: 'Jr.' },
    ]);
  });

  it('reads a plain "Family, Given" name as the rules do', () => {
    const names = [
      'Smith, John',
      'Smith,John',
      'Smith , John Paul',
      'Smith, John  Paul',
      'García-Sánchez, María José',
      'Müller, J.',
      "O'Neil, Shaquille",
      "d'Artagnan, Charles",
      'van, Jan',
      'Smith, J.-P.',
      "Smith, ''Bob''",
      '$x$, Y',
      '$$, Only Given',
      '--, A',
      'Berg, van der',
      'Dupont, {\\\'E}mile',
      'Lee, Ann~Marie',
    ];
    for (const name of names) {
      const read = parseNames(name);
      const byRules = parseNameByRules(name);
      assert.deepStrictEqual(read, byRules ? [byRules] : [], name);
    }
    assert.deepStrictEqual(parseNames('Smith, John'), [{ family: 'Smith', given: 'John' }]);
  });

  it('builds the same index a slice at a time as in one go', () => {
    const references = generateLibrary(700, 3);
    const whole = buildSearchIndexData(references);
    const builder = new SearchIndexBuilder();
    for (let at = 0; at < references.length; at += 128) builder.add(references.slice(at, at + 128));
    assert.deepStrictEqual(builder.finish(), whole);
  });
});

describe('library fast paths: a large library read in the worker', () => {
  // The built worker (npm run build comes before the unit tests, as for the protocol tests).
  const workerFile = path.resolve(__dirname, '../../dist/bibliographyWorker.js');
  const knowledge = KnowledgeBase.create(loadBundledDataset());
  const uri = 'file:///w/big.bib';
  // Over the 2 MB the server reads in process; one entry is the review's reference 45 as a writer exports it.
  const caseiro =
    '@article{caseiroEtAl,\n  author = {Caseiro, Ana Rita and Pedrosa, S{\\\'i}lvia Santos},\n  year = {2019},\n' +
    '  title = {Mesenchymal stem/stromal cells metabolomic and bioactive factors profiles - a comparative analysis on the umbilical cord and dental pulp derived stem/stromal cells secretome.}\n}\n';
  const text = generateLibrary(2400, 11).map((reference) => bibtexEntry(reference.item)).join('\n') + caseiro;

  it('gives the references, links and index the in-process reading gives', async () => {
    assert.ok(text.length > 2 * 1024 * 1024, `the library is ${text.length} characters`);
    const parse = backgroundParser(workerFile);
    const viaWorker = await parse(new TextEncoder().encode(text), uri, 'bibtex', (references) => knowledge.linkToReview(references));
    const inProcess = await parseInProcess(text, uri, 'bibtex');
    const linked = knowledge.linkToReview(inProcess.references);
    assert.strictEqual(viaWorker.linked, true);
    assert.strictEqual(viaWorker.references.length, 2401);
    // The worker sends only the opening of an abstract, the words the index reads.
    const expected = linked.map((reference): Reference => (reference.item.abstract ? { ...reference, item: { ...reference.item, abstract: indexedAbstract(reference.item.abstract) } } : reference));
    assert.deepStrictEqual(viaWorker.references, expected);
    assert.strictEqual(viaWorker.references.find((reference) => reference.key === 'caseiroEtAl')?.reviewNumber, 45);
    assert.deepStrictEqual(viaWorker.problems, inProcess.problems);
    assert.deepStrictEqual(viaWorker.searchIndex, buildSearchIndexData(inProcess.references));
  });
});
