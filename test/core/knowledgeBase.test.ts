import * as assert from 'assert';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { KnowledgeBase } from '../../server/src/core/knowledge/knowledgeBase';
import { ReviewLinks } from '../../server/src/core/knowledge/linking';
import { parseVancouverAuthors, reviewReferences } from '../../server/src/core/knowledge/reviewSource';
import type { CslItem, Reference, ReferenceSource } from '../../server/src/core/knowledge/model';

const dataset = loadBundledDataset();

const refsBib: ReferenceSource = { kind: 'bibliography', id: 'file:///paper/refs.bib', label: 'refs.bib' };
const extraBib: ReferenceSource = { kind: 'bibliography', id: 'file:///paper/extra.json', label: 'extra.json' };
const ownListSource: ReferenceSource = { kind: 'manuscript-list', id: 'file:///paper/draft.md', label: "the manuscript's reference list" };

function entry(source: ReferenceSource, key: string, item: Partial<CslItem>, number?: number): Reference {
  return { source, key, number, item: { id: key, ...item } };
}

const caseiroAsWritten = (key = 'caseiro2019'): Reference =>
  entry(refsBib, key, {
    author: [{ family: 'Caseiro', given: 'Ana Rita' }, { family: 'Pedrosa', given: 'Sílvia Santos' }],
    issued: { 'date-parts': [[2019, 3]] },
    // The review's title with other case and punctuation, as a bibliography manager would export it.
    title: 'Mesenchymal stem/stromal cells metabolomic and bioactive factors profiles - a comparative analysis on the umbilical cord and dental pulp derived stem/stromal cells secretome.',
  });

describe('knowledge: the review as a source', () => {
  const references = reviewReferences(dataset);

  it('lowers all 54 references, numbered and linked to themselves', () => {
    assert.strictEqual(references.length, 54);
    references.forEach((reference, at) => {
      assert.strictEqual(reference.number, at + 1);
      assert.strictEqual(reference.reviewNumber, at + 1);
      assert.strictEqual(reference.source.kind, 'review');
      assert.strictEqual(reference.key, dataset.references[at].key);
      assert.deepStrictEqual(reference.item.issued, { 'date-parts': [[dataset.references[at].year]] });
    });
  });

  it('reads the printed Vancouver authors into CSL names, dropping "et al"', () => {
    assert.deepStrictEqual(references[44].item.author, [
      { family: 'Caseiro', given: 'A. R.' },
      { family: 'Pedrosa', given: 'S. S.' },
      { family: 'Ivanova', given: 'G.' },
      { family: 'Branquinho', given: 'M. V.' },
      { family: 'Almeida', given: 'A.' },
      { family: 'Faria', given: 'F.' },
    ]);
    assert.strictEqual(references[44].item.title, dataset.references[44].title);
    assert.strictEqual(references[44].item['container-title'], dataset.references[44].journal);
  });

  it('reads given-first names, two-word family names, hyphenated initials and a stray "and"', () => {
    assert.deepStrictEqual(parseVancouverAuthors('Fábio G. Teixeira, and António J. Salgado', 'Teixeira'), [
      { family: 'Teixeira', given: 'Fábio G.' },
      { family: 'Salgado', given: 'António J.' },
    ]);
    assert.deepStrictEqual(parseVancouverAuthors('Tuz Zohora F, Aliyu M and Saboor-Yaraghi AA', 'Tuz Zohora'), [
      { family: 'Tuz Zohora', given: 'F.' },
      { family: 'Aliyu', given: 'M.' },
      { family: 'Saboor-Yaraghi', given: 'A. A.' },
    ]);
    assert.deepStrictEqual(parseVancouverAuthors('Mintz PJ, Huang K-W, et al', 'Mintz'), [
      { family: 'Mintz', given: 'P. J.' },
      { family: 'Huang', given: 'K.-W.' },
    ]);
    assert.deepStrictEqual(parseVancouverAuthors('Tran C and, Damaser MS', 'Tran'), [
      { family: 'Tran', given: 'C.' },
      { family: 'Damaser', given: 'M. S.' },
    ]);
  });
});

describe('knowledge: resolving [n]', () => {
  const knowledge = KnowledgeBase.create(dataset);

  it('without an own list, [n] is the review reference n', () => {
    const scope = knowledge.scopeFor({ bibliographyIds: [] });
    assert.strictEqual(scope.numbering, 'review');
    const resolved = scope.resolveNumber(13)!;
    assert.strictEqual(resolved.source.kind, 'review');
    assert.strictEqual(resolved.key, 'ranganath2012');
    assert.strictEqual(scope.resolveNumber(55), undefined);
  });

  it("with an own list, [n] is the list's entry n, never the review's", () => {
    const ownList = [
      entry(ownListSource, '1', { title: 'A paper the review does not cite', author: [{ family: 'Türkmen' }] }, 1),
      entry(ownListSource, '2', { title: 'Plant secretome proteomics', author: [{ family: 'Erik' }], issued: { 'date-parts': [[2013]] } }, 2),
    ];
    const scope = knowledge.scopeFor({ ownList });
    assert.strictEqual(scope.numbering, 'own-list');
    assert.strictEqual(scope.resolveNumber(1)!.item.title, 'A paper the review does not cite');
    assert.strictEqual(scope.resolveNumber(1)!.source.kind, 'manuscript-list');
    assert.strictEqual(scope.resolveNumber(1)!.reviewNumber, undefined);
    // The own list's second entry is the review's paper 2, so the review's evidence applies to it.
    assert.strictEqual(scope.resolveNumber(2)!.reviewNumber, 2);
    assert.strictEqual(scope.resolveNumber(13), undefined, 'the review has a 13, the own list does not');
  });

  it('an empty own list counts as none', () => {
    assert.strictEqual(knowledge.scopeFor({ ownList: [] }).numbering, 'review');
  });

  it('caches one scope per bibliography list and own list', () => {
    const ownList = [entry(ownListSource, '1', { title: 'x' }, 1)];
    assert.strictEqual(knowledge.scopeFor({ bibliographyIds: ['a'] }), knowledge.scopeFor({ bibliographyIds: ['a'] }));
    assert.notStrictEqual(knowledge.scopeFor({ bibliographyIds: ['a'] }), knowledge.scopeFor({ bibliographyIds: ['b'] }));
    assert.strictEqual(knowledge.scopeFor({ ownList }), knowledge.scopeFor({ ownList }));
  });
});

describe('knowledge: resolving keys', () => {
  const smithInRefs = entry(refsBib, 'smith2021', { title: 'Smith in refs.bib' });
  const smithInExtra = entry(extraBib, 'smith2021', { title: 'Smith in extra.json' });
  const caseiroOverride = entry(extraBib, 'caseiro2019', { title: "The writer's own Caseiro entry" });
  const knowledge = KnowledgeBase.create(dataset, [
    { source: refsBib, references: [smithInRefs] },
    { source: extraBib, references: [smithInExtra, caseiroOverride] },
  ]);

  it('resolves against the bibliographies in the order the document names them', () => {
    assert.strictEqual(knowledge.scopeFor({ bibliographyIds: [refsBib.id, extraBib.id] }).resolveKey('smith2021')!.item.title, 'Smith in refs.bib');
    assert.strictEqual(knowledge.scopeFor({ bibliographyIds: [extraBib.id, refsBib.id] }).resolveKey('smith2021')!.item.title, 'Smith in extra.json');
  });

  it("falls back to the review's keys, and a bibliography's key shadows the review's", () => {
    const onlyRefs = knowledge.scopeFor({ bibliographyIds: [refsBib.id] });
    const reviewCaseiro = onlyRefs.resolveKey('caseiro2019')!;
    assert.strictEqual(reviewCaseiro.source.kind, 'review');
    assert.strictEqual(reviewCaseiro.number, 45);
    const withExtra = knowledge.scopeFor({ bibliographyIds: [refsBib.id, extraBib.id] });
    assert.strictEqual(withExtra.resolveKey('caseiro2019')!.source.id, extraBib.id);
  });

  it('finds nothing for an unknown key, and names the bibliographies it has not loaded', () => {
    const scope = knowledge.scopeFor({ bibliographyIds: [refsBib.id, 'file:///paper/missing.bib'] });
    assert.strictEqual(scope.resolveKey('nobody1999'), undefined);
    assert.deepStrictEqual(scope.missingBibliographyIds, ['file:///paper/missing.bib']);
    // A key of a bibliography the document does not name is not in its scope.
    assert.strictEqual(knowledge.scopeFor({ bibliographyIds: [refsBib.id] }).resolveKey('smith2021')!.source.id, refsBib.id);
    assert.strictEqual(knowledge.scopeFor({ bibliographyIds: [] }).resolveKey('smith2021'), undefined);
  });

  it('replacing one bibliography rebuilds only that one', () => {
    const changed = knowledge.withBibliography({ source: refsBib, references: [entry(refsBib, 'jones2020', { title: 'Jones' })] });
    assert.strictEqual(changed.bibliography(extraBib.id), knowledge.bibliography(extraBib.id));
    assert.notStrictEqual(changed.bibliography(refsBib.id), knowledge.bibliography(refsBib.id));
    const scope = changed.scopeFor({ bibliographyIds: [refsBib.id, extraBib.id] });
    assert.strictEqual(scope.resolveKey('jones2020')!.item.title, 'Jones');
    assert.strictEqual(scope.resolveKey('smith2021')!.item.title, 'Smith in extra.json');
    // The snapshot it came from is unchanged.
    assert.strictEqual(knowledge.scopeFor({ bibliographyIds: [refsBib.id] }).resolveKey('jones2020'), undefined);
    assert.strictEqual(changed.withoutBibliography(refsBib.id).bibliography(refsBib.id), undefined);
  });
});

describe('knowledge: linking the writer\'s references to the review', () => {
  const knowledge = KnowledgeBase.create(dataset);
  const numberOf = (item: Partial<CslItem>) => knowledge.links.reviewNumberOf({ id: 'x', ...item });

  it('links Caseiro et al. 2019 with the title in other case and punctuation to 45', () => {
    assert.strictEqual(knowledge.linkToReview([caseiroAsWritten()])[0].reviewNumber, 45);
  });

  it('does not link a different paper by Caseiro, the same title in another year, or another first author', () => {
    const item = caseiroAsWritten().item;
    assert.strictEqual(numberOf({ ...item, title: 'Neuromuscular regeneration with umbilical cord secretome' }), undefined);
    assert.strictEqual(numberOf({ ...item, issued: { 'date-parts': [[2018]] } }), undefined);
    assert.strictEqual(numberOf({ ...item, author: [{ family: 'Pedrosa', given: 'S.' }] }), undefined);
    assert.strictEqual(numberOf({ ...item, author: undefined }), undefined);
  });

  it('folds accents in the family name and allows a long main title to lose its subtitle', () => {
    const base = { issued: { 'date-parts': [[2020]] } };
    assert.strictEqual(numberOf({ ...base, author: [{ family: 'Gonzalez-Gonzalez', given: 'A' }], title: 'Mesenchymal Stem Cells Secretome' }), 31);
    assert.strictEqual(numberOf({ ...base, author: [{ family: 'Teixeira' }], title: 'Mesenchymal stem cells secretome: current trends and future challenges' }), 42);
    // A short main title is not distinctive: "Plant secretome proteomics" must match whole.
    const erik2013 = { author: [{ family: 'Erik' }], issued: { 'date-parts': [[2013]] } };
    assert.strictEqual(numberOf({ ...erik2013, title: 'Plant Secretome Proteomics.' }), 2);
    assert.strictEqual(numberOf({ ...erik2013, title: 'Plant secretome proteomics: a review' }), undefined);
  });

  it('links by DOI when the item has one the review also has', () => {
    // The review's references carry no DOI; a linker over references that do links by it alone.
    const withDoi = entry(refsBib, 'a', { DOI: '10.1000/xyz' });
    const links = new ReviewLinks([{ ...withDoi, number: 7, reviewNumber: 7 }]);
    assert.strictEqual(links.reviewNumberOf({ id: 'b', DOI: 'https://doi.org/10.1000/XYZ' }), 7);
    assert.strictEqual(links.reviewNumberOf({ id: 'b', DOI: '10.1000/other' }), undefined);
  });

  it('links a bibliography\'s entries when the base is built, and leaves unknown papers unlinked', () => {
    const unknown = entry(refsBib, 'turkmen2022', { author: [{ family: 'Türkmen' }], title: 'Something else', issued: { 'date-parts': [[2022]] } });
    const withBib = KnowledgeBase.create(dataset, [{ source: refsBib, references: [caseiroAsWritten('caseiroEtAl'), unknown] }]);
    const scope = withBib.scopeFor({ bibliographyIds: [refsBib.id] });
    assert.strictEqual(scope.resolveKey('caseiroEtAl')!.reviewNumber, 45);
    assert.strictEqual(scope.resolveKey('turkmen2022')!.reviewNumber, undefined);
    assert.deepStrictEqual([...scope.shadowedReviewNumbers], [45]);
  });
});
