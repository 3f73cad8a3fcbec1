/**
 * The search index of one source: an inverted index from folded words to the entries holding them, per field band,
 * over a sorted vocabulary (binary search finds the words a typed prefix begins). Built once per source reading and
 * never changed; a library of 10^5 entries answers a keystroke without looking at every entry.
 */
import { contentWords, foldText, foldedWords, wordForms } from './text';
import type { CslName, Reference } from './model';

/**
 * Where a query word matched, best first: the first author's family name or the key name the paper; another author
 * or the year narrow it; a title or journal word describes it; the abstract and keywords only mention it.
 */
export const matchBands = ['first-author-or-key', 'author-or-year', 'title', 'abstract'] as const;
export type MatchBand = (typeof matchBands)[number];
const bandCount = matchBands.length;
const titleBand = 2;
const abstractBand = 3;

/** How many bands a query word of this length searches: one letter is an author's initial, not a title word. */
export function bandsForWordLength(length: number): number {
  return length <= 1 ? 2 : length === 2 ? 3 : bandCount;
}

/** A word of this length or more may be a typo: with no word beginning with it, near spellings match instead. */
export const fuzzyMinimumLength = 4;
export function allowedEdits(length: number): number {
  return length >= 7 ? 2 : 1;
}

export interface SearchIndexOptions {
  /** More text to search as abstract-band words (the review indexes why it cites each reference). */
  extraText?: (reference: Reference) => string | undefined;
}

/**
 * A match of a query against one entry: its band (0 = first author or key … 3 = abstract) doubled, plus one when a
 * word only matched fuzzily. Lower is better.
 */
export interface QueryHit {
  entry: number;
  rank: number;
}

/** Ranks are band × 2 + fuzzy; these read them back. */
export function bandOfRank(rank: number): MatchBand {
  return matchBands[rank >> 1];
}
export function isFuzzyRank(rank: number): boolean {
  return (rank & 1) === 1;
}

export class SearchIndex {
  readonly entries: readonly Reference[];
  /** The vocabulary, sorted, and each word's id. */
  private readonly sortedWords: string[];
  private readonly sortedIds: Int32Array;
  private readonly idsByWord: Map<string, number>;
  /** Per band, compressed rows: entries holding word `id` are `postings[band][offsets[band][id] .. offsets[band][id + 1])`. */
  private readonly offsets: Int32Array[];
  private readonly postings: Int32Array[];
  /** Scratch marks for one query (the index is immutable; a query is synchronous, so one set of marks suffices). */
  private readonly seen: Uint32Array;
  private readonly seenRank: Uint8Array;
  private epoch = 0;

  constructor(references: readonly Reference[], options: SearchIndexOptions = {}) {
    this.entries = references;
    const idsByWord = new Map<string, number>();
    const rows: number[][][] = Array.from({ length: bandCount }, () => []);
    const add = (entry: number, band: number, word: string) => {
      let id = idsByWord.get(word);
      if (id === undefined) {
        id = idsByWord.size;
        idsByWord.set(word, id);
        for (const bandRows of rows) bandRows.push([]);
      }
      const row = rows[band][id];
      // Entries are added in order, so a repeat of the word in the same entry is the row's last element.
      if (row[row.length - 1] !== entry) row.push(entry);
    };
    references.forEach((reference, entry) => {
      bandWords(reference, options).forEach((words, band) => {
        for (const word of words) add(entry, band, word);
      });
    });
    this.idsByWord = idsByWord;
    this.sortedWords = [...idsByWord.keys()].sort();
    this.sortedIds = Int32Array.from(this.sortedWords, (word) => idsByWord.get(word)!);
    this.offsets = [];
    this.postings = [];
    for (const bandRows of rows) {
      const offsets = new Int32Array(bandRows.length + 1);
      let total = 0;
      bandRows.forEach((row, id) => {
        offsets[id] = total;
        total += row.length;
      });
      offsets[bandRows.length] = total;
      const postings = new Int32Array(total);
      bandRows.forEach((row, id) => postings.set(row, offsets[id]));
      this.offsets.push(offsets);
      this.postings.push(postings);
    }
    this.seen = new Uint32Array(references.length);
    this.seenRank = new Uint8Array(references.length);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The entries matching every query word (each word a prefix of one of the entry's words, or near one when it is a
   * typo), with their rank: the worst of the words' best bands. `accept` leaves entries out before they count. When
   * there is one word, the search stops after the band in which `enough` entries have matched: entries of later
   * bands rank below them all, so a top-`enough` list never needs them.
   */
  search(words: readonly string[], enough: number, accept?: (entry: number) => boolean): QueryHit[] {
    if (words.length === 0) return [];
    let hits = this.matchWord(words[0], words.length === 1 ? enough : Infinity, accept);
    for (const word of words.slice(1)) {
      if (hits.length === 0) break;
      const epoch = this.markWord(word, accept);
      hits = hits.flatMap((hit) =>
        this.seen[hit.entry] === epoch ? [{ entry: hit.entry, rank: Math.max(hit.rank, this.seenRank[hit.entry]) }] : [],
      );
    }
    return hits;
  }

  /** How many entries hold the word in their title or abstract bands (for weighing a sentence's words). */
  documentFrequency(word: string): number {
    const id = this.idsByWord.get(word);
    if (id === undefined) return 0;
    return this.rowLength(titleBand, id) + this.rowLength(abstractBand, id);
  }

  /**
   * Adds, for each entry whose title or abstract holds the word, `weight` (a title counts double) to `scores`. The
   * word is a content word's singular, as the index also stores singulars.
   */
  addSentenceWord(word: string, weight: number, scores: Map<number, number>): void {
    const id = this.idsByWord.get(word);
    if (id === undefined) return;
    for (const [band, bandWeight] of [[titleBand, 1], [abstractBand, 0.5]] as const) {
      const postings = this.postings[band];
      for (let at = this.offsets[band][id], end = this.offsets[band][id + 1]; at < end; at++) {
        const entry = postings[at];
        scores.set(entry, (scores.get(entry) ?? 0) + weight * bandWeight);
      }
    }
  }

  private rowLength(band: number, id: number): number {
    return this.offsets[band][id + 1] - this.offsets[band][id];
  }

  /** One word's matches, band by band, best band first; stops early once `enough` entries matched (see `search`). */
  private matchWord(word: string, enough: number, accept?: (entry: number) => boolean): QueryHit[] {
    const epoch = this.nextEpoch();
    const hits: QueryHit[] = [];
    const bands = bandsForWordLength(word.length);
    let ids = this.prefixIds(word);
    let fuzzy = 0;
    if (ids.length === 0 && word.length >= fuzzyMinimumLength) {
      ids = this.nearIds(word);
      fuzzy = 1;
    }
    for (let band = 0; band < bands; band++) {
      const offsets = this.offsets[band];
      const postings = this.postings[band];
      const rank = band * 2 + fuzzy;
      for (const id of ids) {
        for (let at = offsets[id], end = offsets[id + 1]; at < end; at++) {
          const entry = postings[at];
          if (this.seen[entry] === epoch) continue;
          this.seen[entry] = epoch;
          if (accept && !accept(entry)) continue;
          hits.push({ entry, rank });
        }
      }
      if (hits.length >= enough) break;
    }
    return hits;
  }

  /** Marks the entries a word matches with the new epoch, each with its best rank in `seenRank`. */
  private markWord(word: string, accept?: (entry: number) => boolean): number {
    const hits = this.matchWord(word, Infinity, accept);
    const epoch = this.nextEpoch();
    for (const hit of hits) {
      this.seen[hit.entry] = epoch;
      this.seenRank[hit.entry] = hit.rank;
    }
    return epoch;
  }

  private nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** Ids of the words that begin with `prefix`: a binary search for the first, then the run after it. */
  private prefixIds(prefix: string): number[] {
    const ids: number[] = [];
    for (let at = this.lowerBound(prefix); at < this.sortedWords.length && this.sortedWords[at].startsWith(prefix); at++) {
      ids.push(this.sortedIds[at]);
    }
    return ids;
  }

  /**
   * Ids of the words within a small edit distance of `typed`, or whose beginning is (a typo in a word still being
   * typed). Only words sharing the first letter are compared: typos there are rare, and it keeps the scan short.
   */
  private nearIds(typed: string): number[] {
    const edits = allowedEdits(typed.length);
    const ids: number[] = [];
    const first = typed[0];
    for (let at = this.lowerBound(first); at < this.sortedWords.length && this.sortedWords[at][0] === first; at++) {
      const word = this.sortedWords[at];
      if (word.length < typed.length - edits) continue;
      const near =
        editDistanceWithin(typed, word, edits) ||
        (word.length > typed.length && editDistanceWithin(typed, word.slice(0, typed.length), edits));
      if (near) ids.push(this.sortedIds[at]);
    }
    return ids;
  }

  private lowerBound(text: string): number {
    let low = 0;
    let high = this.sortedWords.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sortedWords[middle] < text) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The words an entry is found by, per band (see `matchBands`), folded, with singulars of plurals added. */
export function bandWords(reference: Reference, options: SearchIndexOptions = {}): string[][] {
  const bands: string[][] = Array.from({ length: bandCount }, () => []);
  const addText = (band: number, text: string | undefined) => {
    if (!text) return;
    for (const word of foldedWords(text)) bands[band].push(...wordForms(word));
  };
  const item = reference.item;
  const [first, ...others] = item.author ?? item.editor ?? [];
  if (first) bands[0].push(...nameWords(first));
  const key = foldText(reference.key);
  bands[0].push(key, ...foldedWords(key));
  for (const name of others) bands[1].push(...nameWords(name));
  const year = item.issued?.['date-parts']?.[0]?.[0];
  if (year !== undefined) bands[1].push(String(year));
  addText(titleBand, item.title);
  addText(titleBand, item['container-title']);
  addText(abstractBand, item.abstract);
  addText(abstractBand, item.keyword);
  addText(abstractBand, options.extraText?.(reference));
  return bands;
}

/** The words a name is searched by: its family name (with its particle) or literal, folded; also joined ("gonzalezgonzalez"). */
function nameWords(name: CslName): string[] {
  const family = [name['non-dropping-particle'], name.family ?? name.literal].filter(Boolean).join(' ');
  const words = foldedWords(family);
  return words.length > 1 ? [...words, words.join('')] : words;
}

/** The query's words, folded (`\cite{Türk` → "turk"). */
export function queryWords(query: string): string[] {
  return foldedWords(query);
}

/** A sentence's distinct content words as the index stores them (singulars). */
export function sentenceWords(sentence: string): string[] {
  return [...new Set(contentWords(sentence).map((word) => wordForms(word).at(-1)!))];
}

/** Whether two words are at most `limit` edits apart (insert, delete, substitute, swap two neighbours). */
export function editDistanceWithin(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2] + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return false;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] <= limit;
}
