/**
 * One ranking over every reference a document can cite: the writer's bibliographies, its own numbered list and the
 * review, ordered by the query being typed and by the sentence being written. Only a bounded top-k is kept, and
 * only the entries the query (or the sentence) reaches are looked at, so a keystroke stays cheap at 10^5 entries.
 *
 * Order: the query's band (first author or key, then other author or year, then title, then abstract; a fuzzy match
 * just after its band); within a band, the review's evidence for the sentence's topic (the references the review
 * cites as a group for it first), then the sentence's words in the entry's title and abstract; then source order
 * and the entry's place in its source (the review's by number).
 */
import type { Dataset } from '../dataset';
import { scoreReferencesForText } from '../features/referenceRanking';
import { EntryScores, bandOfRank, isFuzzyRank, queryWords, sentenceWords, type MatchBand } from './search';
import type { Reference, SourceKind } from './model';
import type { SourceEntries } from './sourceEntries';

export interface RankedReference {
  reference: Reference;
  /** Where the query matched; undefined when nothing was typed. */
  match?: MatchBand;
  /** Whether a query word only matched as a near spelling (a typo). */
  fuzzy: boolean;
  /** The review's evidence for the sentence, for the review paper this is (0 when none or unlinked). */
  reviewScore: number;
  /** The sentence's words in the entry's title (and, less, abstract), weighed by rarity. */
  textScore: number;
}

export interface RankOptions {
  /** The sentence being written, without the citation being typed. */
  sentence?: string;
  /** Text typed in the citation: author, key, year, title words; prefixes, typos and accents tolerated. */
  query?: string;
  /** Only numbered entries (the document's numbering: its own list, else the review) whose number starts so (`[4`). */
  numberPrefix?: string;
  /** Entries already cited in the same citation: by key, or by number in the document's numbering. */
  exclude?: { keys?: ReadonlySet<string>; numbers?: ReadonlySet<number> };
  /** Only entries from these kinds of source. */
  kinds?: readonly SourceKind[];
  /** At most this many references. */
  limit: number;
}

export interface RankResult {
  references: RankedReference[];
  /** False when more typing could change the list: a query is being typed, or the limit cut it short. */
  complete: boolean;
}

/** What the ranking needs of a document's scope (a `DocumentReferences` provides it). */
export interface RankingScope {
  readonly dataset: Dataset;
  /** The sources in resolution order: the document's own list (if any), its bibliographies, the review. */
  readonly sources: readonly SourceEntries[];
  /** The source whose numbers `[n]` cites. */
  readonly numbered: SourceEntries;
  /** Review numbers some other in-scope entry is the same paper as: the review's entry is then left out as a duplicate. */
  readonly shadowedReviewNumbers: ReadonlySet<number>;
  sentenceContext(sentence: string): SentenceContext;
}

export interface SentenceContext {
  /** The review's evidence per review number (`scoreReferencesForText`). */
  reviewScores: ReadonlyMap<number, number>;
  /** Per source (by position in `sources`), the sentence's words in each entry's title and abstract. */
  textScores: readonly EntryScores[];
}

/** Above this many entries, words in more than 5% of them are skipped: they say little (low IDF) and cost much. */
const commonWordCutoff = { minimumEntries: 1000, share: 0.05 };

/** Scores a sentence against the scope's sources: TF-IDF-like word overlap through each index, plus the review's evidence. */
export function scoreSentence(dataset: Dataset, sources: readonly SourceEntries[], sentence: string): SentenceContext {
  const reviewScores = sentence.trim() ? scoreReferencesForText(dataset, sentence) : new Map<number, number>();
  const textScores = sources.map((source) => new EntryScores(source.references.length));
  const words = sentenceWords(sentence);
  if (words.length > 0) {
    const total = sources.reduce((sum, source) => sum + source.references.length, 0);
    for (const forms of words) {
      const frequency = sources.reduce((sum, source) => sum + source.search.documentFrequency(forms), 0);
      if (frequency === 0) continue;
      if (total >= commonWordCutoff.minimumEntries && frequency > total * commonWordCutoff.share) continue;
      const weight = Math.log(1 + total / frequency);
      sources.forEach((source, at) => source.search.addSentenceWord(forms, weight, textScores[at]));
    }
  }
  return { reviewScores, textScores };
}

interface Candidate {
  source: number;
  entry: number;
  rank: number;
  reviewScore: number;
  textScore: number;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return compareFields(a.rank, a.reviewScore, a.textScore, a.source, a.entry, b);
}

function compareFields(rank: number, reviewScore: number, textScore: number, source: number, entry: number, b: Candidate): number {
  return rank - b.rank || b.reviewScore - reviewScore || b.textScore - textScore || source - b.source || entry - b.entry;
}

export function rankReferences(scope: RankingScope, options: RankOptions): RankResult {
  const limit = Math.max(0, Math.floor(options.limit));
  const query = options.query?.trim() ?? '';
  const words = query ? queryWords(query) : [];
  const context = scope.sentenceContext(options.sentence ?? '');
  const best = new TopK<Candidate>(limit, compareCandidates);
  let truncated = false;
  let offered = 0;

  scope.sources.forEach((source, sourceAt) => {
    if (options.kinds && !options.kinds.includes(source.source.kind)) return;
    const numbered = source === scope.numbered;
    if (options.numberPrefix !== undefined && !numbered) return;
    const accept = acceptor(scope, source, numbered, options);
    const textScores = context.textScores[sourceAt];
    const references = source.references;
    const reviewNumbers = source.reviewNumbers;
    const reviewScores = context.reviewScores;
    const reviewScoreOf = (entry: number) => {
      const reviewNumber = reviewNumbers[entry];
      return reviewNumber === 0 || reviewScores.size === 0 ? 0 : (reviewScores.get(reviewNumber) ?? 0);
    };
    const offer = (entry: number, rank: number) => {
      offered++;
      const reviewScore = reviewScoreOf(entry);
      const textScore = textScores.get(entry);
      // Most entries of a long list lose to the worst kept one: compare before building a candidate.
      const worst = best.worst;
      if (worst && compareFields(rank, reviewScore, textScore, sourceAt, entry, worst) >= 0) return;
      best.offer({ source: sourceAt, entry, rank, reviewScore, textScore });
    };

    const reviewed = new Set<number>();
    for (const number of context.reviewScores.keys()) for (const entry of source.entriesForReviewNumber(number)) reviewed.add(entry);
    const unscoredInOrder = (accepted: (entry: number) => boolean, visit: (entry: number) => void): boolean => {
      let count = 0;
      for (let entry = 0; entry < references.length; entry++) {
        if (textScores.get(entry) !== 0 || reviewed.has(entry) || !accepted(entry)) continue;
        if (count === limit) return true;
        count++;
        visit(entry);
      }
      return false;
    };

    if (words.length === 1 && /^[a-z]$/.test(words[0])) {
      // One letter matches a large share of a big library's first authors. When at least `limit` of them have no
      // sentence score, those first in order and the scored ones are all the top k can hold; later bands cannot enter.
      const letter = words[0];
      const firstBand = (entry: number) => source.search.startsWithLetter(entry, letter) && accept(entry);
      const unscored: number[] = [];
      unscoredInOrder(firstBand, (entry) => unscored.push(entry));
      if (unscored.length === limit && limit > 0) {
        for (const entry of textScores.scored) if (firstBand(entry)) offer(entry, 0);
        for (const entry of reviewed) if (textScores.get(entry) === 0 && firstBand(entry)) offer(entry, 0);
        for (const entry of unscored) offer(entry, 0);
        offered = Math.max(offered, limit + 1);
        return;
      }
    }
    if (words.length > 0) {
      source.search.search(words, limit, accept, offer);
      return;
    }
    // No query: the entries the sentence points at, then the rest in order, as far as the limit can use them.
    for (const entry of textScores.scored) if (accept(entry)) offer(entry, 0);
    for (const entry of reviewed) if (textScores.get(entry) === 0 && accept(entry)) offer(entry, 0);
    if (unscoredInOrder(accept, (entry) => offer(entry, 0))) truncated = true;
  });

  const references = best.sorted().map((chosen): RankedReference => {
    const reference = scope.sources[chosen.source].references[chosen.entry];
    return {
      reference,
      match: words.length > 0 ? bandOfRank(chosen.rank) : undefined,
      fuzzy: words.length > 0 && isFuzzyRank(chosen.rank),
      reviewScore: chosen.reviewScore,
      textScore: chosen.textScore,
    };
  });
  return { references, complete: words.length === 0 && !truncated && offered <= limit };
}

function acceptor(scope: RankingScope, source: SourceEntries, numbered: boolean, options: RankOptions): (entry: number) => boolean {
  const prefix = options.numberPrefix;
  const excludedKeys = options.exclude?.keys?.size ? options.exclude.keys : undefined;
  const excludedNumbers = numbered && options.exclude?.numbers?.size ? options.exclude.numbers : undefined;
  // The writer's entry stands in for the review's only when it can be offered: not when only numbered entries are
  // (`[4`), nor when only the review's kind is asked for (a numeric citation in the review's numbering).
  const shadowingOffered = prefix === undefined && (!options.kinds || options.kinds.some((kind) => kind !== 'review'));
  const shadowed =
    shadowingOffered && source.source.kind === 'review' && scope.shadowedReviewNumbers.size > 0 ? scope.shadowedReviewNumbers : undefined;
  const numbers = source.numbers;
  if (!prefix && !excludedKeys && !excludedNumbers && !shadowed) return () => true;
  return (entry) => {
    const number = numbers[entry];
    if (shadowed?.has(number)) return false;
    if (excludedKeys?.has(source.references[entry].key)) return false;
    if (excludedNumbers?.has(number)) return false;
    if (prefix !== undefined && (!numbered || number === 0 || !String(number).startsWith(prefix))) return false;
    return true;
  };
}

/** The `capacity` best items offered, kept in a binary heap whose root is the worst kept. */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly capacity: number,
    /** Negative when the first is better. */
    private readonly compare: (a: T, b: T) => number,
  ) {}

  offer(item: T): void {
    if (this.capacity === 0) return;
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (this.compare(item, heap[0]) < 0) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  /** The worst item kept, once the heap is full (an item must beat it to get in). */
  get worst(): T | undefined {
    return this.heap.length === this.capacity ? this.heap[0] : undefined;
  }

  /** Best first. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }

  /** Worse items rise to the root. */
  private worse(i: number, j: number): boolean {
    return this.compare(this.heap[i], this.heap[j]) > 0;
  }

  private siftUp(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.worse(at, parent)) return;
      [this.heap[at], this.heap[parent]] = [this.heap[parent], this.heap[at]];
      at = parent;
    }
  }

  private siftDown(at: number): void {
    const length = this.heap.length;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let worst = at;
      if (left < length && this.worse(left, worst)) worst = left;
      if (right < length && this.worse(right, worst)) worst = right;
      if (worst === at) return;
      [this.heap[at], this.heap[worst]] = [this.heap[worst], this.heap[at]];
      at = worst;
    }
  }
}
