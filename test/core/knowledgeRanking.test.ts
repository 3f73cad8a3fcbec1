import * as assert from 'assert';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { KnowledgeBase, type DocumentReferences } from '../../server/src/core/knowledge/knowledgeBase';
import {
  allowedEdits,
  bandWords,
  bandsForWordLength,
  editDistanceWithin,
  fuzzyMinimumLength,
  queryWords,
} from '../../server/src/core/knowledge/search';
import type { RankOptions } from '../../server/src/core/knowledge/ranking';
import type { CslItem, Reference, ReferenceSource } from '../../server/src/core/knowledge/model';
import { generateLibrary, seededRandom } from './knowledgeLibrary';

const dataset = loadBundledDataset();
const bib: ReferenceSource = { kind: 'bibliography', id: 'file:///paper/refs.bib', label: 'refs.bib' };
const ownListSource: ReferenceSource = { kind: 'manuscript-list', id: 'file:///paper/draft.md', label: "the manuscript's reference list" };

function entry(key: string, item: Partial<CslItem>, source = bib, number?: number): Reference {
  return { source, key, number, item: { id: key, ...item } };
}

const writersLibrary = [
  entry('smithCartilage', { author: [{ family: 'Smith', given: 'J.' }], title: 'Cartilage repair with conditioned medium', issued: { 'date-parts': [[2018]] } }),
  entry('jonesKidney', { author: [{ family: 'Jones' }, { family: 'Smith' }], title: 'Kidney injury and the secretome', issued: { 'date-parts': [[2019]] } }),
  entry('brownBone', { author: [{ family: 'Brown' }], title: 'Smithian approaches to bone', issued: { 'date-parts': [[2020]] } }),
  entry('wilsonHeart', { author: [{ family: 'Wilson' }], title: 'Cardiac repair', abstract: 'As Smith proposed, paracrine signals matter.', issued: { 'date-parts': [[2021]] } }),
  entry('turkmen2022', { author: [{ family: 'Türkmen', given: 'A.' }], title: 'Exosomes in neural repair', issued: { 'date-parts': [[2022]] } }),
  entry('trollebo2017', { author: [{ family: 'Trollebø', given: 'M.' }], title: 'Hydrogel delivery of secretome', issued: { 'date-parts': [[2017]] } }),
  // The review's paper 28, as the writer's bibliography has it.
  entry('jayaramanWounds', {
    author: [{ family: 'Jayaraman', given: 'P.' }],
    title: 'Stem Cells Conditioned Medium: A New Approach to Skin Wound Healing Management.',
    issued: { 'date-parts': [[2013]] },
  }),
];

const knowledge = KnowledgeBase.create(dataset, [{ source: bib, references: writersLibrary }]);
const withBib = knowledge.scopeFor({ bibliographyIds: [bib.id] });
const reviewOnly = knowledge.scopeFor({ bibliographyIds: [] });
const keys = (scope: DocumentReferences, options: RankOptions) => scope.rank(options).references.map((ranked) => ranked.reference.key);
const numbers = (scope: DocumentReferences, options: RankOptions) => scope.rank(options).references.map((ranked) => ranked.reference.number);
const woundSentence = 'Secretome gels helped heal chronic skin wounds such as diabetic ulcers';

describe('knowledge ranking: the query', () => {
  it('puts a first-author match before a co-author, a title word and an abstract word', () => {
    const ranked = withBib.rank({ query: 'smith', kinds: ['bibliography'], limit: 10 }).references;
    assert.deepStrictEqual(
      ranked.map((r) => [r.reference.key, r.match]),
      [
        ['smithCartilage', 'first-author-or-key'],
        ['jonesKidney', 'author-or-year'],
        ['brownBone', 'title'],
        ['wilsonHeart', 'abstract'],
      ],
    );
  });

  it('matches prefixes while typing', () => {
    for (const typed of ['s', 'sm', 'smi', 'smit']) {
      assert.strictEqual(keys(withBib, { query: typed, kinds: ['bibliography'], limit: 3 })[0], 'smithCartilage', typed);
    }
    assert.deepStrictEqual(keys(withBib, { query: '2019', kinds: ['bibliography'], limit: 5 }), ['jonesKidney']);
    assert.deepStrictEqual(keys(withBib, { query: 'smith 2018', limit: 5 }), ['smithCartilage']);
  });

  it('folds accents and case both ways', () => {
    for (const typed of ['turk', 'Türk', 'TURKMEN', 'türkmen']) {
      assert.strictEqual(keys(withBib, { query: typed, limit: 3 })[0], 'turkmen2022', typed);
    }
    for (const typed of ['trollebo', 'Trollebø', 'troll']) {
      assert.strictEqual(keys(withBib, { query: typed, limit: 3 })[0], 'trollebo2017', typed);
    }
    assert.strictEqual(numbers(reviewOnly, { query: 'muller', limit: 3 })[0], 18);
    assert.strictEqual(numbers(reviewOnly, { query: 'gonzalez', limit: 3 })[0], 31);
    assert.strictEqual(numbers(reviewOnly, { query: 'yanez', limit: 3 })[0], 32);
  });

  it('tolerates typos, after every exact match', () => {
    const trolebo = withBib.rank({ query: 'trolebo', limit: 3 }).references[0];
    assert.strictEqual(trolebo.reference.key, 'trollebo2017');
    assert.strictEqual(trolebo.fuzzy, true);
    assert.strictEqual(keys(withBib, { query: 'Turkmne', limit: 3 })[0], 'turkmen2022');
    const cartilage = withBib.rank({ query: 'cartilgae', kinds: ['bibliography'], limit: 3 }).references;
    assert.deepStrictEqual(cartilage.map((r) => [r.reference.key, r.match, r.fuzzy]), [['smithCartilage', 'title', true]]);
    assert.strictEqual(numbers(reviewOnly, { query: 'casiero', limit: 3 })[0], 45);
    assert.strictEqual(withBib.rank({ query: 'smith', limit: 10 }).references.some((r) => r.fuzzy), false);
  });

  it('finds nothing for a word no entry has', () => {
    assert.deepStrictEqual(keys(withBib, { query: 'zzzzqx', limit: 10 }), []);
  });
});

describe('knowledge ranking: the sentence', () => {
  it('puts the group the review cites for the topic first: 11-18 for therapeutic potential', () => {
    const top = numbers(reviewOnly, { sentence: 'The secretome has therapeutic potential in regenerative medicine', limit: 8 });
    assert.deepStrictEqual([...top].sort((a, b) => a! - b!), [11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it('puts the group the review cites for the skin first in a sentence about chronic skin wounds, the best fit leading', () => {
    const top = numbers(reviewOnly, { sentence: woundSentence, limit: 9 });
    assert.strictEqual(top[0], 17);
    for (const number of top.slice(0, 8)) assert.strictEqual(dataset.reference(number!)!.citedIn, '[11-18]', `${number} in ${top}`);
    // Then the other skin-wound paper, which the review cites in another group.
    assert.strictEqual(top[8], 28);
  });

  it('decides within a query band', () => {
    const matching = dataset.references.filter((r) => /secretome/i.test(r.title)).map((r) => r.number);
    assert.strictEqual(numbers(reviewOnly, { query: 'secretome', limit: 5 })[0], matching[0]);
    assert.strictEqual(numbers(reviewOnly, { query: 'secretome', sentence: woundSentence, limit: 5 })[0], 17);
    // The band still comes first: a first-author match beats a title word whatever the sentence says.
    assert.strictEqual(keys(withBib, { query: 'smith', sentence: 'Kidney injury heals with the secretome', kinds: ['bibliography'], limit: 1 })[0], 'smithCartilage');
  });

  it("gives the writer's copy of a review paper the review's evidence, and lists it instead of the review's", () => {
    const ranked = withBib.rank({ sentence: woundSentence, limit: 60 }).references;
    const writers = ranked.find((r) => r.reference.key === 'jayaramanWounds')!;
    assert.strictEqual(writers.reference.reviewNumber, 28);
    assert.ok(writers.reviewScore > 0);
    const reviewTop = reviewOnly.rank({ sentence: woundSentence, limit: 60 }).references.find((r) => r.reference.number === 28)!;
    assert.strictEqual(writers.reviewScore, reviewTop.reviewScore);
    assert.ok(!ranked.some((r) => r.reference.source.kind === 'review' && r.reference.number === 28));
    // First after the review's group for the skin ([11-18]), to which it does not belong.
    assert.strictEqual(ranked.findIndex((r) => r.reference.key === 'jayaramanWounds'), 8);
  });

  it("weighs the sentence's words in unlinked entries' titles, below the review's evidence", () => {
    const ranked = withBib.rank({ sentence: 'Hydrogel delivery keeps the secretome at the site', kinds: ['bibliography'], limit: 3 }).references;
    // The writer's copy of review paper 28 carries the review's evidence for delivery, so it leads; then the words.
    assert.deepStrictEqual(ranked.map((r) => r.reference.key), ['jayaramanWounds', 'trollebo2017', 'jonesKidney']);
    assert.ok(ranked[0].reviewScore > 0);
    assert.strictEqual(ranked[1].reviewScore, 0);
    assert.ok(ranked[1].textScore > ranked[2].textScore);
  });
});

describe('knowledge ranking: numbers, exclusions, completeness', () => {
  const ownList = Array.from({ length: 12 }, (_, at) => entry(String(at + 1), { title: `Own entry ${at + 1}` }, ownListSource, at + 1));

  it("offers the own list's numbers for a typed number, else the review's", () => {
    const own = knowledge.scopeFor({ bibliographyIds: [bib.id], ownList });
    assert.deepStrictEqual(numbers(own, { numberPrefix: '1', limit: 20 }), [1, 10, 11, 12]);
    assert.ok(own.rank({ numberPrefix: '1', limit: 20 }).references.every((r) => r.reference.source.kind === 'manuscript-list'));
    assert.deepStrictEqual(numbers(reviewOnly, { numberPrefix: '5', limit: 20 }), [5, 50, 51, 52, 53, 54]);
  });

  it('leaves out what the citation already cites', () => {
    assert.deepStrictEqual(numbers(reviewOnly, { numberPrefix: '5', exclude: { numbers: new Set([50, 52]) }, limit: 20 }), [5, 51, 53, 54]);
    assert.ok(!keys(withBib, { query: 'smith', exclude: { keys: new Set(['smithCartilage']) }, limit: 10 }).includes('smithCartilage'));
  });

  it('says whether more typing could change the list', () => {
    assert.strictEqual(reviewOnly.rank({ limit: 54 }).complete, true);
    assert.strictEqual(reviewOnly.rank({ limit: 54 }).references.length, 54);
    assert.strictEqual(reviewOnly.rank({ limit: 53 }).complete, false);
    assert.strictEqual(reviewOnly.rank({ query: 'caseiro', limit: 54 }).complete, false);
    assert.strictEqual(reviewOnly.rank({ numberPrefix: '4', limit: 54 }).complete, true);
    assert.strictEqual(reviewOnly.rank({ numberPrefix: '4', limit: 3 }).complete, false);
  });
});

describe('knowledge ranking: the top k equals a full sort', () => {
  const library = generateLibrary(3000, 7);
  const base = KnowledgeBase.create(dataset, [{ source: library[0].source, references: library }]);
  const scope = base.scopeFor({ bibliographyIds: [library[0].source.id] });
  const extraText = (reference: Reference) => (reference.source.kind === 'review' ? dataset.reference(reference.number!)?.citedFor : undefined);
  const words = scope.sources.map((source) => source.references.map((reference) => bandWords(reference, { extraText })));
  const vocabularies = words.map((perEntry) => [...new Set(perEntry.flat(2))]);
  // Near spellings are looked for among the words of names and titles (bands 0-2), then matched in any band.
  const fuzzyVocabularies = words.map((perEntry) => new Set(perEntry.flatMap((bands) => bands.slice(0, 3).flat())));

  /** Every entry's rank for the query, by reading each entry's words: no index, no early stop, no heap. */
  function bruteForce(options: RankOptions): string[] {
    const query = queryWords(options.query ?? '');
    const context = scope.sentenceContext(options.sentence ?? '');
    const all: { key: string; rank: number; reviewScore: number; textScore: number; source: number; entry: number }[] = [];
    scope.sources.forEach((source, sourceAt) => {
      const begins = new Map(query.map((word) => [word, vocabularies[sourceAt].some((known) => known.startsWith(word))]));
      source.references.forEach((reference, entry) => {
        if (source.source.kind === 'review' && scope.shadowedReviewNumbers.has(reference.number!)) return;
        let rank = 0;
        for (const word of query) {
          const bands = words[sourceAt][entry];
          const anyBegins = begins.get(word)!;
          let best = Infinity;
          for (let band = 0; band < bandsForWordLength(word.length) && best === Infinity; band++) {
            if (anyBegins && bands[band].some((known) => known.startsWith(word))) best = band * 2;
            const edits = allowedEdits(word.length);
            const near = (known: string) =>
              fuzzyVocabularies[sourceAt].has(known) &&
              known[0] === word[0] &&
              known.length >= word.length - edits &&
              (editDistanceWithin(word, known, edits) || (known.length > word.length && editDistanceWithin(word, known.slice(0, word.length), edits)));
            if (!anyBegins && word.length >= fuzzyMinimumLength && bands[band].some(near)) best = band * 2 + 1;
          }
          rank = Math.max(rank, best);
        }
        if (rank === Infinity) return;
        const reviewNumber = reference.reviewNumber;
        all.push({
          key: `${sourceAt}:${reference.key}`,
          rank,
          reviewScore: reviewNumber === undefined ? 0 : (context.reviewScores.get(reviewNumber) ?? 0),
          textScore: context.textScores[sourceAt].get(entry) ?? 0,
          source: sourceAt,
          entry,
        });
      });
    });
    all.sort((a, b) => a.rank - b.rank || b.reviewScore - a.reviewScore || b.textScore - a.textScore || a.source - b.source || a.entry - b.entry);
    return all.slice(0, options.limit).map((candidate) => candidate.key);
  }

  const random = seededRandom(99);
  const pickFrom = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const sentences = ['', woundSentence, 'Exosomes from adipose stem cells reduce renal fibrosis in mouse models', 'Hydrogel scaffold delivery'];

  for (let trial = 0; trial < 40; trial++) {
    const reference = pickFrom(library);
    const pool = bandWords(reference).flat().filter((word) => word.length > 0);
    let word = pickFrom(pool);
    word = word.slice(0, 1 + Math.floor(random() * word.length));
    if (trial % 5 === 4 && word.length >= 5) word = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
    const query = trial % 7 === 6 ? `${word} ${pickFrom(pool)}` : word;
    const options: RankOptions = { query, sentence: pickFrom(sentences), limit: 1 + Math.floor(random() * 30) };
    it(`query ${JSON.stringify(query)}, limit ${options.limit}, sentence ${JSON.stringify(options.sentence!.slice(0, 20))}`, () => {
      const ranked = scope.rank(options).references.map((r) => `${scope.sources.findIndex((s) => s.source === r.reference.source)}:${r.reference.key}`);
      assert.deepStrictEqual(ranked, bruteForce(options));
    });
  }

  it('one letter (the first band read from each entry\'s initials) and a few typed beginnings', () => {
    for (const query of ['s', 'a', 'k', 'z', 'sm', 'tu', '2']) {
      for (const sentence of sentences) {
        for (const limit of [1, 10, 50]) {
          const options = { query, sentence, limit };
          const ranked = scope.rank(options).references.map((r) => `${scope.sources.findIndex((s) => s.source === r.reference.source)}:${r.reference.key}`);
          assert.deepStrictEqual(ranked, bruteForce(options), `${query} ${limit} ${sentence}`);
        }
      }
    }
  });

  it('without a query: the sentence, then order', () => {
    for (const sentence of sentences) {
      const options = { sentence, limit: 25 };
      const ranked = scope.rank(options).references.map((r) => `${scope.sources.findIndex((s) => s.source === r.reference.source)}:${r.reference.key}`);
      assert.deepStrictEqual(ranked, bruteForce(options), sentence);
    }
  });
});

describe('knowledge ranking: near spellings', () => {
  /** The full table, no band and no early exit. */
  function distance(a: string, b: string): number {
    const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        table[i][j] = Math.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) table[i][j] = Math.min(table[i][j], table[i - 2][j - 2] + 1);
      }
    }
    return table[a.length][b.length];
  }

  it('agrees with the full edit-distance table on random word pairs', () => {
    const random = seededRandom(5);
    const word = () => Array.from({ length: 1 + Math.floor(random() * 9) }, () => 'abcde'[Math.floor(random() * 5)]).join('');
    for (let trial = 0; trial < 3000; trial++) {
      const a = word();
      const b = random() < 0.5 ? word() : a.slice(0, -1) + 'e' + a.slice(-1);
      const limit = 1 + Math.floor(random() * 2);
      assert.strictEqual(editDistanceWithin(a, b, limit), distance(a, b) <= limit, `${a} ${b} ${limit}`);
    }
  });
});
